import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import { TranscriptMirror } from "./transcript-mirror.ts";

const FIXTURES = join(import.meta.dirname, "../../claude/fixtures/session-transcripts");
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A mirror of a file in a temp dir, collecting what it commits. */
function mirrorOf(opts: { fromEnd: boolean; initial?: string }) {
  const dir = mkdtempSync(join(tmpdir(), "chatml-mirror-"));
  dirs.push(dir);
  const path = join(dir, "session.jsonl");
  if (opts.initial !== undefined) writeFileSync(path, opts.initial);
  const events: DomainEvent[] = [];
  const pending: DomainEvent[] = [];
  const sink = { add: (e: DomainEvent[]) => pending.push(...e), flush: () => events.push(...pending.splice(0)) };
  // The clock starts at 0, so the recorded lines count as written by this run; `later()` lets held lines go.
  let clock = 0;
  const turns: string[] = [];
  const toolsEnded: string[] = [];
  const mirror = new TranscriptMirror(() => path, sink, () => clock, {
    fromEnd: opts.fromEnd,
    intervalMs: 60_000,
    onTurn: (turn) => turns.push(turn),
    onToolEnded: (call) => toolsEnded.push(call.toolName),
  });
  const later = () => {
    mirror.poll();
    clock += 10_000;
    mirror.poll();
  };
  return { path, events, mirror, later, turns, toolsEnded };
}

/** What the timeline shows: user and assistant texts, and tool calls with their results. */
function timeline(events: DomainEvent[]): string[] {
  const out: string[] = [];
  for (const event of events) {
    if (event.type === "message.created") for (const part of event.message.parts) out.push(describePart(event.message.role, part));
    if (event.type === "message.part.updated") out.push(describePart("assistant", event.part));
  }
  return out;
}

function describePart(role: string, part: { kind: string; text?: string; name?: string; status?: string; result?: { text: string } | null }): string {
  if (part.kind === "tool") return `tool ${part.name} ${part.status} ${part.result?.text ?? ""}`.trim();
  return `${role}: ${part.text ?? part.kind}`;
}

describe.each(["v21330", "v21119"])("transcript mirror (%s transcript)", (tag) => {
  const recorded = readFileSync(join(FIXTURES, `bash-turn.${tag}.jsonl`));

  it("mirrors a Bash turn written in pieces, cut mid-line and mid-character", () => {
    const { path, events, mirror } = mirrorOf({ fromEnd: false });
    mirror.start();
    expect(events).toEqual([]);
    // Append in uneven slices; a slice may end inside a line or inside a multi-byte character.
    const withUnicode = Buffer.concat([recorded, Buffer.from(`${JSON.stringify({ type: "user", uuid: "u-snow", message: { role: "user", content: "snow ☃ done" } })}\n`)]);
    for (let at = 0; at < withUnicode.length; at += 777) {
      appendFileSync(path, withUnicode.subarray(at, at + 777));
      mirror.poll();
    }
    mirror.stop("the terminal ended");
    expect(timeline(events)).toEqual([
      "user: @@bash please",
      "assistant: I will run a command.",
      "tool Bash running",
      "tool Bash completed hello-from-bash",
      "assistant: Tool said: hello-from-bash",
      "user: snow ☃ done",
    ]);
    expect(events.filter((e) => e.type === "notice")).toEqual([]);
    // The conversation goes back to chat mode, which resumes the same Claude session.
    expect(events.at(-1)).toMatchObject({ type: "process.exited", reason: "the terminal ended", handoff: "chat" });
  });

  it("says so when the file is truncated, rewritten or deleted, and never repeats a turn", () => {
    const { path, events, mirror, later } = mirrorOf({ fromEnd: false, initial: recorded.toString() });
    mirror.start();
    later();
    const firstRun = timeline(events);
    expect(firstRun).toHaveLength(5);
    truncateSync(path, 0);
    mirror.poll();
    writeFileSync(path, recorded);
    later();
    rmSync(path);
    mirror.poll();
    writeFileSync(path, "not json\n");
    mirror.poll();
    expect(timeline(events)).toEqual(firstRun);
    expect(events.filter((e) => e.type === "notice").map((e) => (e as { text: string }).text)).toEqual([
      expect.stringContaining("was truncated"),
      expect.stringContaining("was deleted"),
      expect.stringContaining("was replaced"),
      "1 line(s) of the Claude Code transcript could not be read and were skipped.",
    ]);
  });

  it("from the end: a resumed session's earlier turns are not mirrored again", () => {
    const { path, events, mirror } = mirrorOf({ fromEnd: true, initial: recorded.toString() });
    mirror.start();
    appendFileSync(path, `${JSON.stringify({ type: "user", uuid: "u-next", message: { role: "user", content: "next turn" } })}\n`);
    mirror.poll();
    expect(timeline(events)).toEqual(["user: next turn"]);
  });
});

describe.each(["v21330", "v21119"])("transcript mirror (%s TUI transcript)", (tag) => {
  const lines = readFileSync(join(FIXTURES, `tui-bash-turn.${tag}.jsonl`), "utf8").split("\n").filter(Boolean);
  const expected = ["user: @@bash please run it", "assistant: I will run a command.", "tool Bash running", "tool Bash completed hello-from-bash", "assistant: Tool said: hello-from-bash"];

  it("mirrors the TUI's turn", () => {
    const { path, events, mirror, later } = mirrorOf({ fromEnd: false });
    mirror.start();
    appendFileSync(path, `${lines.join("\n")}\n`);
    later();
    expect(timeline(events)).toEqual(expected);
  });

  // The usage on the TUI's assistant lines (each API message's lines repeat it), as the fixtures hold them.
  const tokens = { v21330: { input: 13720 + 13820, output: 62 + 14, firstInput: 13720 }, v21119: { input: 24600 + 24706, output: 62 + 14, firstInput: 24600 } }[tag]!;
  const turns = (events: DomainEvent[]) => events.flatMap((e) => (e.type === "turn.completed" ? [e] : []));

  it("ends the turn with the tokens of its two API messages, counted once each, and no cost (the TUI reports none)", () => {
    const { path, events, mirror, later } = mirrorOf({ fromEnd: false });
    mirror.start();
    appendFileSync(path, `${lines.join("\n")}\n`);
    later();
    expect(turns(events)).toEqual([
      expect.objectContaining({
        isError: false,
        subtype: "success",
        resultText: "Tool said: hello-from-bash",
        totalCostUsd: null,
        usage: { inputTokens: tokens.input, outputTokens: tokens.output, cacheReadTokens: 0, cacheCreationTokens: 0 },
        numTurns: 2,
        durationMs: expect.any(Number),
      }),
    ]);
    // After the answer's messages, as a stream-json result comes after them.
    expect(events.findIndex((e) => e.type === "turn.completed")).toBeGreaterThan(events.findLastIndex((e) => e.type === "message.created"));
  });

  it("ends an interrupted turn as stopped, with the tokens used until then", () => {
    const { path, events, mirror, later } = mirrorOf({ fromEnd: false });
    mirror.start();
    const toolCall = lines.findIndex((line) => line.includes('"type":"tool_use"') && line.includes('"type":"assistant"'));
    const parent = (JSON.parse(lines[toolCall]!) as { uuid: string }).uuid;
    const interrupt = { type: "user", uuid: "u-interrupt", parentUuid: parent, message: { role: "user", content: [{ type: "text", text: "[Request interrupted by user for tool use]" }] } };
    appendFileSync(path, `${[...lines.slice(0, toolCall + 1), JSON.stringify(interrupt)].join("\n")}\n`);
    later();
    expect(turns(events)).toEqual([expect.objectContaining({ isError: true, terminalReason: "aborted_streaming", totalCostUsd: null, numTurns: 1, usage: expect.objectContaining({ inputTokens: tokens.firstInput, outputTokens: 62 }) })]);
  });

  it("puts a prompt written after its answer's first lines back before them (as 2.1.119 does)", () => {
    const { path, events, mirror } = mirrorOf({ fromEnd: false });
    mirror.start();
    const isPrompt = (line: string) => line.includes('"@@bash please run it"') && line.includes('"type":"user"');
    const prompt = lines.findIndex(isPrompt);
    const firstAnswer = lines.findIndex((line) => line.includes('"type":"assistant"'));
    // The prompt and its attachments, moved after the answer's first two lines.
    const moved = [...lines.slice(0, prompt), ...lines.slice(firstAnswer, firstAnswer + 2), ...lines.slice(prompt, firstAnswer), ...lines.slice(firstAnswer + 2)];
    appendFileSync(path, `${moved.slice(0, prompt + 2).join("\n")}\n`);
    mirror.poll();
    expect(timeline(events)).toEqual([]);
    appendFileSync(path, `${moved.slice(prompt + 2).join("\n")}\n`);
    mirror.poll();
    expect(timeline(events)).toEqual(expected);
  });
});

describe.each(["v21332", "v21119"])("transcript mirror of a TUI resumed after its question was cut short (%s transcript)", (tag) => {
  // A TUI killed (by a ChatML restart) while its AskUserQuestion waited, resumed with --resume, then `@@ask again`:
  // the CLI closes the earlier turn with lines of its own, written at the new prompt (2.1.332: an interrupted
  // tool_result for the earlier call; 2.1.119: a meta "Continue from where you left off."; both: a synthetic
  // "No response requested."), then writes the new turn.
  const lines = readFileSync(join(FIXTURES, `tui-resume-after-question.${tag}.jsonl`), "utf8").split("\n").filter(Boolean);
  const earlierCall = lines.findIndex((line) => line.includes('"type":"assistant"') && line.includes('"name":"AskUserQuestion"'));
  const resumedAt = lines.findIndex((line, index) => index > earlierCall && line.includes('"uuid":'));

  it("mirrors only the new turn: its question stays open, and nothing ends it or names an unknown call", () => {
    const { path, events, mirror, later, turns, toolsEnded } = mirrorOf({ fromEnd: true, initial: `${lines.slice(0, resumedAt).join("\n")}\n` });
    mirror.start();
    appendFileSync(path, `${lines.slice(resumedAt).join("\n")}\n`);
    later();
    expect(timeline(events)).toEqual(["user: @@ask again", "tool AskUserQuestion running"]);
    expect(events.filter((e) => e.type === "notice" || e.type === "turn.completed")).toEqual([]);
    // A turn end (or the call's result) would tell the broker the question was answered in the terminal.
    expect(turns).toEqual(["running"]);
    expect(toolsEnded).toEqual([]);
  });

  it("still mirrors what the CLI makes up in the new turn (an API error after the new prompt)", () => {
    const { path, events, mirror, later, turns } = mirrorOf({ fromEnd: true, initial: `${lines.slice(0, resumedAt).join("\n")}\n` });
    mirror.start();
    const lastEarlier = (JSON.parse(lines[earlierCall]!) as { uuid: string }).uuid;
    const prompt = { type: "user", uuid: "u-new", parentUuid: lastEarlier, message: { role: "user", content: "go on" } };
    const failed = { type: "assistant", uuid: "a-error", parentUuid: "u-new", isApiErrorMessage: true, message: { id: "m-error", role: "assistant", model: "<synthetic>", stop_reason: "stop_sequence", content: [{ type: "text", text: "API Error: 500" }] } };
    appendFileSync(path, `${[prompt, failed].map((line) => JSON.stringify(line)).join("\n")}\n`);
    later();
    expect(timeline(events)).toEqual(["user: go on", "assistant: API Error: 500"]);
    expect(turns).toEqual(["running", "ready"]);
  });

  it("read from its start, the earlier run's turn and its close are mirrored as the CLI wrote them", () => {
    const { path, events, mirror, later } = mirrorOf({ fromEnd: false });
    mirror.start();
    appendFileSync(path, `${lines.join("\n")}\n`);
    later();
    expect(timeline(events)).toEqual([
      "user: @@ask which color",
      "tool AskUserQuestion running",
      ...(tag === "v21332" ? ["tool AskUserQuestion failed [Tool call interrupted: the session ended before this call's result was recorded, so its outcome is unknown. Check whether it took effect before relying on it or running it again.]"] : []),
      "assistant: No response requested.",
      "user: @@ask again",
      "tool AskUserQuestion running",
    ]);
  });
});

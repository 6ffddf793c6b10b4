import { describe, expect, it } from "vitest";
import { DurableEvent, EphemeralEvent } from "../../shared/protocol/events.ts";
import { cliLines, transcriptNames } from "./fixtures/load-transcripts.ts";
import { finalToolParts, runTranscript, summarise } from "./fixtures/run-transcript.ts";

/*
 * Golden tests: every recorded transcript (CLI 2.1.330 and 2.1.119) through dedupe + translator.
 * fixtures/golden/<name>.json holds a compact summary per event, so any drift in the translation shows in review.
 */

const names = transcriptNames();

function blocksOf(msg: Record<string, unknown>): Record<string, unknown>[] {
  const content = (msg["message"] as { content?: unknown } | undefined)?.content;
  return Array.isArray(content) ? (content as Record<string, unknown>[]) : [];
}

describe("translator over recorded transcripts", () => {
  it("finds the transcripts of both CLI versions", () => {
    expect(names.length).toBeGreaterThan(90);
    expect(names.some((n) => n.endsWith(".v21119"))).toBe(true);
  });

  describe.each(names)("%s", (name) => {
    const run = runTranscript(name);
    const lines = cliLines(name).map((l) => l.msg);

    it("emits only valid events and counts nothing as unknown or invalid", () => {
      for (const e of run.events) {
        const ok = DurableEvent.safeParse(e).success || EphemeralEvent.safeParse(e).success;
        expect(ok, JSON.stringify(e).slice(0, 300)).toBe(true);
      }
      expect(run.translator.stats).toEqual({ unknownTypes: {}, invalid: 0 });
      // Warnings are expected only for the CLI's own refusals (system/permission_denied).
      const odd = run.events.filter((e) => e.type === "notice" && e.level !== "info" && !e.text.includes(" was not allowed"));
      expect(odd).toEqual([]);
    });

    it("attaches every tool result to its tool part", () => {
      const tools = finalToolParts(run.events);
      const results = lines.filter((m) => m.type === "user").flatMap(blocksOf).filter((b) => b["type"] === "tool_result");
      for (const block of results) {
        const part = tools.get(String(block["tool_use_id"]));
        expect(part, String(block["tool_use_id"])).toBeDefined();
        expect(part?.status).toBe(block["is_error"] === true ? "failed" : "completed");
        expect(part?.result).not.toBeNull();
      }
    });

    it("requests a permission for each can_use_tool", () => {
      const asked = lines.filter((m) => m.type === "control_request" && (m["request"] as { subtype?: string }).subtype === "can_use_tool");
      expect(run.events.filter((e) => e.type === "permission.requested")).toHaveLength(asked.length);
    });

    it("completes one turn per unique result, with is_error honoured", () => {
      const seen = new Set<unknown>();
      const results = lines.filter((m) => m.type === "result" && !seen.has(m["uuid"]) && seen.add(m["uuid"]));
      const turns = run.events.filter((e) => e.type === "turn.completed");
      expect(turns.map((t) => t.isError)).toEqual(results.map((r) => r["is_error"] === true));
      expect(run.inFlightAfterResults.every((n) => n === 0)).toBe(true);
    });

    it("only updates messages it created", () => {
      const created = new Set<string>();
      for (const e of run.events) {
        if (e.type === "message.created") {
          expect(created.has(e.message.id)).toBe(false);
          created.add(e.message.id);
        }
        if (e.type === "message.part.updated" || e.type === "message.part.delta") expect(created.has(e.messageId)).toBe(true);
      }
    });

    it("matches the golden summary", async () => {
      const summary = `${JSON.stringify(run.events.map(summarise), null, 1)}\n`;
      await expect(summary).toMatchFileSnapshot(`./fixtures/golden/${name}.json`);
    });
  });
});

describe("scenario checks", () => {
  it.each(["k_api_400", "k_api_429", "k_api_500", "k_api_529_overloaded", "k_exit_code_after_api_error"].flatMap((n) => [n, `${n}.v21119`]))(
    "%s: an API error ends the turn with isError",
    (name) => {
      const turns = runTranscript(name).events.filter((e) => e.type === "turn.completed");
      expect(turns[0]).toMatchObject({ isError: true, subtype: "success" });
      expect(turns[0]?.type === "turn.completed" && turns[0].apiErrorStatus).toBeTruthy();
    },
  );

  it.each(["e_task_subagent", "e_task_subagent.v21119", "e_task_subagent.background"])("%s: sub-agent messages carry parentToolUseId", (name) => {
    const events = runTranscript(name).events;
    const agent = [...finalToolParts(events).values()].find((p) => p.name === "Agent");
    expect(agent?.status).toBe("completed");
    const children = events.flatMap((e) => (e.type === "message.created" && e.message.parentToolUseId === agent?.toolUseId ? [e.message] : []));
    expect(children.some((m) => m.role === "assistant")).toBe(true);
    const tasks = events.filter((e) => e.type === "task.updated");
    expect(tasks.at(-1)).toMatchObject({ toolUseId: agent?.toolUseId, status: "completed" });
  });

  it("e_task_subagent: the foreground sub-agent's prompt is a user message of the sub-agent", () => {
    const events = runTranscript("e_task_subagent").events;
    const prompt = events.find((e) => e.type === "message.created" && e.message.role === "user");
    expect(prompt).toMatchObject({ message: { parentToolUseId: "toolu_fake14f15b00a4ee911f4c95b551", parts: [{ text: "@@sub Please echo something." }] } });
    const permission = events.find((e) => e.type === "permission.requested");
    expect(permission).toMatchObject({ request: { agentId: "af59b4fb678a7027c" } });
  });

  it.each(["f_plan_ask_approve", "f_plan_ask_deny.v21119", "f_plan_ask_noanswers_and_setmode"])("%s: questions and plans are parsed", (name) => {
    const requests = runTranscript(name).events.flatMap((e) => (e.type === "permission.requested" ? [e.request] : []));
    expect(requests.find((r) => r.kind === "question")?.questions).toEqual([
      {
        question: "Which color do you prefer?",
        header: "Color",
        multiSelect: false,
        options: [
          { label: "Red", description: "A warm color" },
          { label: "Blue", description: "A cool color" },
        ],
      },
    ]);
    expect(requests.find((r) => r.kind === "plan")?.plan).toBe("# Plan\n1. Create hello.txt\n2. Say done\n");
  });

  it("f_plan_without_plan_file: 2.1.330 drops the inline plan, so plan is null", () => {
    const request = runTranscript("f_plan_without_plan_file").events.find((e) => e.type === "permission.requested");
    expect(request).toMatchObject({ request: { kind: "plan", plan: null } });
  });

  it("m_ws_close1000: lines replayed after a reconnect are translated once", () => {
    const events = runTranscript("m_ws_close1000").events;
    expect(events.filter((e) => e.type === "turn.completed")).toHaveLength(2);
    expect(events.filter((e) => e.type === "permission.requested")).toHaveLength(1);
    expect(events.find((e) => e.type === "cli.session.updated")).toMatchObject({ transport: "sdk-url" });
  });

  it("g_interrupt_permission_pending: the withdrawn request is cancelled, saying the user stopped Claude", () => {
    const events = runTranscript("g_interrupt_permission_pending").events;
    expect(events.find((e) => e.type === "permission.resolved")).toMatchObject({ outcome: "cancelled", message: "You stopped Claude." });
    expect(events.some((e) => e.type === "notice" && e.text === "Interrupted")).toBe(true);
  });

  it("o_replay_user_messages: the echo of our own message is not a new message", () => {
    const events = runTranscript("o_replay_user_messages").events;
    expect(events.filter((e) => e.type === "message.created" && e.message.role === "user")).toEqual([]);
  });

  it("k_stdin_close_permission_pending: an unanswered permission is cancelled when the tool fails", () => {
    const events = runTranscript("k_stdin_close_permission_pending").events;
    expect(events.find((e) => e.type === "permission.resolved")).toMatchObject({ outcome: "cancelled" });
  });
});

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Message } from "../../../shared/protocol/model.ts";
import { readTranscriptPage } from "./transcript-pages.ts";

let dir = "";
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "chatml-pages-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A transcript of `turns` prompts, each answered, with bookkeeping lines between (as the CLI writes them). */
function writeTurns(turns: number, padding = ""): string {
  const lines: string[] = [];
  for (let i = 1; i <= turns; i += 1) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    lines.push(JSON.stringify({ type: "user", uuid: `u${i}`, timestamp: at, message: { role: "user", content: `prompt ${i}${padding}` } }));
    lines.push(JSON.stringify({ type: "queue-operation", operation: "dequeue", timestamp: at }));
    lines.push(JSON.stringify({ type: "assistant", uuid: `a${i}`, timestamp: at, message: { id: `msg_${i}`, role: "assistant", content: [{ type: "text", text: `answer ${i}` }], stop_reason: "end_turn" } }));
  }
  const path = join(dir, "turns.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const texts = (messages: Message[]) => messages.flatMap((m) => m.parts.map((p) => (p.kind === "text" ? `${m.role}: ${p.text.slice(0, 12)}` : `${m.role}: ${p.kind}`)));

describe("paged reading of a session transcript", () => {
  it("reads the last turns first, then older pages back to the start, each turn whole and in order", () => {
    const path = writeTurns(5);
    const last = readTranscriptPage(path, { turns: 2 });
    expect(texts(last.messages)).toEqual(["user: prompt 4", "assistant: answer 4", "user: prompt 5", "assistant: answer 5"]);
    expect(last.messages[0]!.createdAt).toBe(Date.UTC(2026, 0, 1, 0, 4));
    const middle = readTranscriptPage(path, { turns: 2, before: last.olderCursor! });
    expect(texts(middle.messages)).toEqual(["user: prompt 2", "assistant: answer 2", "user: prompt 3", "assistant: answer 3"]);
    const first = readTranscriptPage(path, { turns: 2, before: middle.olderCursor! });
    expect(texts(first.messages)).toEqual(["user: prompt 1", "assistant: answer 1"]);
    expect(first.olderCursor).toBeNull();
  });

  it("reads lines longer than its chunks, and keeps a page to a few MB however long the file is", () => {
    const path = writeTurns(12, "x".repeat(600 * 1024));
    const page = readTranscriptPage(path, { turns: 100 });
    expect(texts(page.messages).at(-1)).toBe("assistant: answer 12");
    // About 7 MB of prompts: one page holds at most ~4 MB of them, and says where the older ones start.
    expect(page.messages.filter((m) => m.role === "user").length).toBeLessThan(12);
    expect(page.olderCursor).toBeGreaterThan(0);
  });

  it("shows a real CLI transcript's tool call with its result", () => {
    const path = join(dir, "real.jsonl");
    copyFileSync(new URL("../fixtures/session-transcripts/bash-turn.v21330.jsonl", import.meta.url).pathname, path);
    const { messages, olderCursor } = readTranscriptPage(path, { turns: 10 });
    expect(olderCursor).toBeNull();
    expect(texts(messages)[0]).toBe("user: @@bash pleas");
    expect(messages.flatMap((m) => m.parts).find((p) => p.kind === "tool")).toMatchObject({ name: "Bash", status: "completed" });
  });
});

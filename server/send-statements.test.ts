import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerFrame } from "../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../shared/protocol/version.ts";
import { writeReplayCliBin } from "./claude/fixtures/replay-cli/replay-cli-bin.ts";
import { countStatements, type StatementCounts } from "./test-support/statement-counter.ts";
import { api, startTestServer, type TestServer } from "./test-support/test-server.ts";

// Counting starts before the server opens its database, so every statement it prepares is counted.
const counter = countStatements();
const SENDS = 3;
const CONVERSATION_ROW = "SELECT id, session_id, title, kind, model, permission_mode, cli_session_id, transport, status";
const CONVERSATION_STAMP = "UPDATE conversations SET updated_at = $updatedAt, last_seq = $lastSeq";
const LAST_SEQ_READ = "SELECT last_seq FROM conversations";

/*
 * Issue 16's turn start: 20 sends landing together stall the server, and each send with its short turn ran ~70 SQLite
 * statements, 13 of them reading the same conversation row (ADR 0132). This pins the work of a send, as a count (it
 * does not depend on the machine's load): a change that adds reads to the send path shows up here.
 */
describe("what a send and its short turn cost in SQLite statements", () => {
  let server: TestServer;
  const folder = mkdtempSync(join(tmpdir(), "chatml-send-statements-"));
  beforeAll(async () => {
    server = await startTestServer({ claudeBin: await writeReplayCliBin(), env: { REPLAY_CLI_VERSION: "2.1.330" } });
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await api(server, path, { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  it("never reads the conversation row again after its commits, and runs no more statements than its budget", async () => {
    const { conversation } = await post<{ conversation: { id: string } }>("/api/start", { path: folder });
    const turns = await watchTurns(server, conversation.id);
    // Each turn's end is awaited from before its send: a short turn may end before the POST's answer arrives.
    const warmedUp = turns.next();
    await post(`/api/conversations/${conversation.id}/messages`, { commandId: "warm-up-send", text: "stream 5 0 0" });
    await warmedUp;
    // The first message's title (a one-shot, held while the turn ran) is the conversation's, not a send's: it lands
    // before the counted sends, which are not first messages and ask for none.
    const titleOf = async () => ((await (await api(server, `/api/conversations/${conversation.id}`)).json()) as { conversation: { title: string } }).conversation.title;
    await expect.poll(titleOf).toBe("Replayed one-shot answer");

    const counts: StatementCounts[] = [];
    for (let i = 0; i < SENDS; i++) {
      counter.take();
      const turnOver = turns.next();
      await post(`/api/conversations/${conversation.id}/messages`, { commandId: `counted-send-${i}`, text: "stream 5 0 0" });
      await turnOver;
      counts.push(counter.take());
    }
    turns.close();
    for (const { bySql } of counts) {
      const count = (prefix: string) => Object.entries(bySql).filter(([sql]) => sql.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
      // The CLI's lines are committed in batches as they arrive (two on a quiet machine, more under load); each commit
      // stamps the conversation row once and keeps the row it wrote (ADR 0212), so no reader reads it again, and the
      // next commit continues from the seq in it (ADR 0215): one read at most, should a write in between forget it.
      const commits = count(CONVERSATION_STAMP);
      expect(count(CONVERSATION_ROW)).toBe(0);
      expect(count(LAST_SEQ_READ)).toBeLessThanOrEqual(1);
      // The search index is written after the turn, when the server is idle (ADR 0047), so it may or may not land here.
      const statements = Object.entries(bySql).filter(([sql]) => !sql.startsWith("  ←") && !/message_search|search_dirty/.test(sql)).reduce((sum, [, n]) => sum + n, 0);
      expect(statements, JSON.stringify(bySql, null, 1)).toBeLessThanOrEqual(STATEMENT_BUDGET + STATEMENTS_PER_EXTRA_COMMIT * Math.max(0, commits - 2));
    }
  }, 60_000);
});

/**
 * Statements of one send and its short turn, up to the conversation being ready again, without the search index:
 * 62 before ADR 0132, 28–32 with it, 27–29 since a commit keeps the row it wrote (ADR 0212), 24–25 since a commit
 * takes its first seq from that row and a message's parts do not ask again whose message it is (ADR 0215), 22–23
 * since the send's command answer is not read back after it is written and the conversation's rewind note (mostly
 * none) is kept, when the turn's lines are committed in two batches (the queue's look at a conversation that became
 * ready runs on the next tick, so it lands in this send's count or the next one's).
 */
const STATEMENT_BUDGET = 24;
/** A commit batch beyond two: the conversation's stamp. */
const STATEMENTS_PER_EXTRA_COMMIT = 1;

/** A socket subscribed to one conversation; `next()` resolves when a turn has ended and the conversation is ready. */
async function watchTurns(server: TestServer, conversationId: string) {
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}`, origin: server.url } } as unknown as string[]);
  await new Promise<void>((resolve, reject) => ((ws.onopen = () => resolve()), (ws.onerror = () => reject(new Error("socket failed")))));
  const waiting: (() => void)[] = [];
  let isTurnOver = false;
  ws.onmessage = (message) => {
    const frame = JSON.parse(String(message.data)) as ServerFrame;
    if (frame.type !== "event") return;
    if (frame.event.type === "turn.completed") isTurnOver = true;
    if (isTurnOver && frame.event.type === "conversation.status.changed" && frame.event.status === "ready") {
      isTurnOver = false;
      waiting.shift()?.();
    }
  };
  ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [{ conversationId, afterSeq: 0 }] }));
  return { next: () => new Promise<void>((resolve) => waiting.push(resolve)), close: () => ws.close() };
}

/**
 * The pages a streaming checkpoint writes, counted (issue 16's paced tail, ADR 0282). A WAL commit with `synchronous =
 * NORMAL` syncs nothing, so what a commit costs is the frames it appends to the log. This commits what a paced turn of
 * bridge-figures commits for N conversations (20) into a real database (server/persistence, the server's pragmas,
 * checkpoints of the log off so it only grows): the send (a user message and `running`, with its command's answer as
 * the message route stores it, ADR 0208), the CLI's first line (an empty assistant message), five streaming
 * checkpoints of 12.4 KB each (`message.part.appended`, ADR 0041), the part's end with its last 2 KB, and the turn's
 * end (`turn.completed`, `ready`). It prints the WAL frames and bytes of each commit shape and of the whole turn, per
 * conversation; the counts do not depend on the machine or its load.
 * `bun bench/checkpoint-pages.ts` (BENCH_TURNS, default 10). Copy it into another checkout to count that one's.
 */
import { statSync } from "node:fs";
import { newId, type MessageId, type PartId } from "../shared/ids.ts";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { assistantMessage, openTempDb, seedConversation, textAppended } from "../server/persistence/test-support.ts";
import { report, round } from "./support/bench-server.ts";

const N = 20;
const TURNS = Number(process.env.BENCH_TURNS ?? 10);
const CHECKPOINTS = 5;
const CHUNK = "lorem ipsum dolor sit amet, ".repeat(443).slice(0, 12_400);
const LAST = CHUNK.slice(0, 2_000);
const TURN_COMPLETED: DurableEvent = { type: "turn.completed", isError: false, subtype: "success", resultText: null, errors: [], totalCostUsd: null, usage: null, numTurns: 1, durationMs: 5000, durationApiMs: null, terminalReason: null, apiErrorStatus: null };

const temp = openTempDb();
temp.db.run("PRAGMA wal_autocheckpoint = 0");
const pageSize = temp.db.get<{ page_size: number }>("PRAGMA page_size")?.page_size ?? 4096;
const ids = Array.from({ length: N }, (_, i) => seedConversation(temp.repos, `/tmp/checkpoint-pages-${i}`).conversation.id);
const walBytes = () => statSync(`${temp.path}-wal`).size;
const frames: Record<string, number[]> = {};
let at = 0;

/**
 * Commits `events(i)` (with what `alongside(i)` writes in the same transaction) for every conversation and counts the
 * log's new frames per conversation under `shape`.
 */
function commitAll(shape: string, events: (index: number) => DurableEvent[], alongside?: (index: number) => () => void): void {
  const before = walBytes();
  ids.forEach((id, index) => temp.repos.events.appendBatch(id, events(index), ++at, alongside?.(index)));
  (frames[shape] ??= []).push((walBytes() - before) / (24 + pageSize) / N);
}

function turn(): void {
  const parts = ids.map(() => ({ messageId: newId("message") as MessageId, partId: newId("part") as PartId }));
  const user = () => ({ ...assistantMessage([{ id: newId("part"), kind: "text", text: "stream 1000 200 62 assistant-first" }]), role: "user" as const, model: null });
  const answer = (index: number) => () => void temp.repos.commands.remember(ids[index]!, crypto.randomUUID(), { messageId: newId("message") });
  commitAll("send", () => [{ type: "message.created", message: user() }, { type: "conversation.status.changed", status: "running", reason: null }], answer);
  commitAll("first line", (i) => [{ type: "message.created", message: assistantMessage([], parts[i]!.messageId) }]);
  for (let k = 0; k < CHECKPOINTS; k++) {
    commitAll(k === 0 ? "first checkpoint" : "later checkpoint", (i) => [textAppended(parts[i]!.messageId, parts[i]!.partId, k * CHUNK.length, CHUNK, "streaming")]);
  }
  commitAll("part end", (i) => [textAppended(parts[i]!.messageId, parts[i]!.partId, CHECKPOINTS * CHUNK.length, LAST)]);
  commitAll("turn end", () => [TURN_COMPLETED, { type: "conversation.status.changed", status: "ready", reason: null }]);
}

for (let t = 0; t < TURNS; t++) turn();
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const perTurn = (shape: string) => mean(frames[shape]!) * (shape === "later checkpoint" ? CHECKPOINTS - 1 : 1);
const rows = Object.keys(frames).map((shape) => ({ shape, "frames per commit": round(mean(frames[shape]!), 2), "KiB per commit": round((mean(frames[shape]!) * (24 + pageSize)) / 1024, 1) }));
const turnFrames = Object.keys(frames).reduce((sum, shape) => sum + perTurn(shape), 0);
rows.push({ shape: "a whole turn", "frames per commit": round(turnFrames, 2), "KiB per commit": round((turnFrames * (24 + pageSize)) / 1024, 1) });
const stored = temp.db.get<{ bytes: number }>("SELECT sum(pgsize) AS bytes FROM dbstat")?.bytes ?? 0;
temp.cleanup();
report(`checkpoint pages: ${N} conversations, ${TURNS} paced turns (${CHECKPOINTS} × 12.4 KB checkpoints), per conversation`, rows, { rows, storedKiB: round(stored / 1024) });
console.log(`database pages after the turns: ${round(stored / 1024)} KiB`);

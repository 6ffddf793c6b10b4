/**
 * Would one transaction for the commits that land together cost the server less CPU than one each? Issue 16's turn
 * start commits 20 sends at once (each a user message and its status), its end 20 answers; this appends both shapes
 * for 20 conversations of a real database (server/persistence, WAL, the server's pragmas), one transaction each and
 * then all in one, by turns (which goes first alternates), and prints the medians of the process's CPU.
 * `bun bench/group-commits.ts` (BENCH_ROUNDS, default 30).
 */
import { newId } from "../shared/ids.ts";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { openTempDb, seedConversation } from "../server/persistence/test-support.ts";
import { report } from "./support/bench-server.ts";

const N = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const temp = openTempDb();
const ids = Array.from({ length: N }, (_, i) => seedConversation(temp.repos, `/tmp/group-commits-${i}`).conversation.id);

const message = (role: "user" | "assistant", text: string): DurableEvent => ({
  type: "message.created",
  message: { id: newId("message"), role, parentToolUseId: null, model: role === "user" ? null : "claude", createdAt: 1, parts: [{ id: newId("part"), kind: "text", text }] },
});
/** A send (its message and the status it starts), and an answer of ~62 KB with the status its end leaves. */
const SHAPES: Record<string, () => DurableEvent[]> = {
  "send (user message + running)": () => [message("user", "stream 1000 200 62 assistant-first"), { type: "conversation.status.changed", status: "running", reason: null }],
  "turn end (62 KB answer + ready)": () => [message("assistant", "x".repeat(62_000)), { type: "conversation.status.changed", status: "ready", reason: null }],
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const timed = (fn: () => void) => {
  const before = cpuMs();
  fn();
  return cpuMs() - before;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const rows: Record<string, string | number>[] = [];
for (const [shape, events] of Object.entries(SHAPES)) {
  const separate: number[] = [];
  const grouped: number[] = [];
  const runSeparate = () => separate.push(timed(() => ids.forEach((id) => temp.repos.events.appendBatch(id, events(), 1))));
  const runGrouped = () => grouped.push(timed(() => temp.db.transaction(() => ids.forEach((id) => temp.repos.events.appendBatch(id, events(), 1)))));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [runSeparate, runGrouped] : [runGrouped, runSeparate];
    for (const run of order) run();
  }
  rows.push({ shape, "one transaction each, CPU ms (median)": Number(median(separate).toFixed(2)), "all in one, CPU ms (median)": Number(median(grouped).toFixed(2)) });
}
temp.cleanup();
report(`group commits: ${N} conversations' commits that land together, ${ROUNDS} rounds`, rows, { rows });

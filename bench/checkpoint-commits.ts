/**
 * What one round of streaming checkpoints costs the event loop (ADR 0008, ADR 0041): N conversations (20) each
 * commit a checkpoint of a streaming answer in the same moment, once a second, while the answers grow by ~12.4 KB a
 * second (62 KB in 5 s, as bridge-figures' paced turns), then all end together (each answer's last text committed
 * complete in the same moment). Server CPU (ms) of the whole round, by second of the answers and at the end:
 *   floor     — a commit of only the new text (a notice event carrying it: the event log's insert, nothing projected)
 *   whole     — a checkpoint as `message.part.updated` with the whole answer so far (ADR 0008 before ADR 0041)
 *   appended  — a checkpoint as `message.part.appended` with the new text (ADR 0041: its row of `part_chunks`)
 * Each is run in a fresh database of its own, alternating, `BENCH_RUNS` times (3); the medians are printed. Each
 * commit also serializes the event once, as a fan-out to sockets does. `bun bench/checkpoint-commits.ts`
 */
import { newId } from "../shared/ids.ts";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { assistantMessage, openTempDb, seedConversation } from "../server/persistence/test-support.ts";
import { report, round } from "./support/bench-server.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = 20;
const SHOWN = [1, 2, 5, 10, 20];
const CHUNK = "lorem ipsum dolor sit amet, ".repeat(443).slice(0, 12_400);
type Mode = "floor" | "whole" | "appended";

/** CPU ms of each second's round of N checkpoints, in a database of its own. */
function rounds(mode: Mode): number[] {
  const t = openTempDb();
  try {
    const parts = Array.from({ length: N }, (_, i) => {
      const { conversation } = seedConversation(t.repos, `/tmp/bench-checkpoints-${i}`);
      const message = assistantMessage([]);
      t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
      return { conversationId: conversation.id, messageId: message.id, partId: newId("part") };
    });
    type Part = (typeof parts)[number];
    /** The event of one part in round `second` (1…SECONDS); the round after the last is the answer's end. */
    const eventOf = ({ messageId, partId }: Part, second: number): DurableEvent => {
      const isEnd = second > SECONDS;
      const streamState = isEnd ? {} : { streamState: "streaming" as const };
      if (mode === "floor") return { type: "notice", level: "info", text: CHUNK };
      if (mode === "whole") return { type: "message.part.updated", messageId, part: { id: partId, kind: "text", text: CHUNK.repeat(second), ...streamState } };
      return { type: "message.part.appended", messageId, partId, kind: "text", offset: CHUNK.length * (second - 1), text: CHUNK, ...streamState };
    };
    // Each second's round of checkpoints, then the end: every answer's last text, committed complete in the same moment.
    const cpu: number[] = [];
    for (let second = 1; second <= SECONDS + 1; second++) {
      const start = process.cpuUsage();
      for (const part of parts) {
        const event = eventOf(part, second);
        JSON.stringify({ type: "event", conversationId: part.conversationId, seq: second, at: second, event });
        t.repos.events.appendBatch(part.conversationId, [event], second);
      }
      const used = process.cpuUsage(start);
      cpu.push((used.user + used.system) / 1000);
    }
    return cpu;
  } finally {
    t.cleanup();
  }
}

const MODES: Mode[] = ["floor", "whole", "appended"];
const runs: Record<Mode, number[][]> = { floor: [], whole: [], appended: [] };
for (let run = 0; run < RUNS; run++) for (const mode of MODES) runs[mode].push(rounds(mode));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rows = SHOWN.map((second) => {
  const row: Record<string, string | number> = { second, "answer KB": round((CHUNK.length * second) / 1000, 0) };
  for (const mode of MODES) row[`${mode} ms`] = round(median(runs[mode].map((cpu) => cpu[second - 1] ?? Number.NaN)), 1);
  return row;
});
const end: Record<string, string | number> = { second: "end", "answer KB": round((CHUNK.length * (SECONDS + 1)) / 1000, 0) };
for (const mode of MODES) end[`${mode} ms`] = round(median(runs[mode].map((cpu) => cpu[SECONDS] ?? Number.NaN)), 1);
const totals: Record<string, string | number> = { second: `1–${SECONDS} + end`, "answer KB": round((CHUNK.length * (SECONDS + 1)) / 1000, 0) };
for (const mode of MODES) totals[`${mode} ms`] = round(median(runs[mode].map((cpu) => cpu.reduce((a, b) => a + b, 0))), 0);
report(`checkpoint rounds: ${N} conversations committing together, CPU ms per round (median of ${RUNS})`, [...rows, end, totals], { rows, end, totals });

/**
 * How long the event loop stops when turns end (issue 16, ADRs 0271 and 0284): what a send arriving then waits for.
 * One ChatML server (stdio; BENCH_TRANSPORT=sdk-url) with support/loop-gaps.ts preloaded, 20 warm conversations
 * (BENCH_CONVERSATIONS; 1 is one person's answer ending, without nineteen other turn ends' commits beside it),
 * BENCH_ROUNDS (8) rounds of one turn each, all sent at once (BENCH_DELTAS deltas at 200/s, 50 by default: a short
 * answer of ~3 KB each; 1000 is bridge-figures.ts's long paced turn). Per round: the longest loop gap (and their sum)
 * from the last turn's end seen at the browser socket to 500 ms later, when nothing else runs; then 1 s of quiet.
 * `bun bench/turn-end-pause.ts` (CHATML_ROOT=<checkout> runs another checkout's server, e.g. main before a change).
 */
import { epochMs, streamThroughBridge } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { lastGaps, LOOP_GAPS, LOOP_GAPS_PRELOAD } from "./support/loop-gaps.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const DELTAS = Number(process.env.BENCH_DELTAS ?? 50);
const WINDOW_MS = 500;
const transport = process.env.BENCH_TRANSPORT === "sdk-url" ? "sdk-url" : "stdio";

const server = await startServerProcess(transport, LOOP_GAPS_PRELOAD);
/** The loop gaps the server noted since the last call. */
async function takeGaps(): Promise<[number, number][]> {
  const seen = server.stderr.text.split(`${LOOP_GAPS} `).length;
  process.kill(server.pid, "SIGUSR2");
  while (server.stderr.text.split(`${LOOP_GAPS} `).length === seen || !server.stderr.text.endsWith("\n")) await Bun.sleep(10);
  return lastGaps(server.stderr.text);
}

try {
  const ids = await warmConversations(server, N);
  const rows: Record<string, string | number>[] = [];
  for (let turn = 0; turn < ROUNDS + 1; turn++) {
    await takeGaps();
    const run = await streamThroughBridge(server, ids, DELTAS, 200, 62, turn % 2 ? "stop-first" : "assistant-first");
    const endedAt = epochMs();
    await Bun.sleep(WINDOW_MS);
    const gaps = (await takeGaps()).filter(([at, ms]) => at + ms >= endedAt && at <= endedAt + WINDOW_MS);
    await waitIdle(server, ids);
    await Bun.sleep(1000);
    // The first round warms the JIT (ADR 0199) and is not shown.
    if (turn === 0) continue;
    const longest = Math.max(0, ...gaps.map(([, ms]) => ms));
    rows.push({ round: turn, "longest gap ms": round(longest), "gaps ≥ 4 ms, sum ms": round(gaps.reduce((sum, [, ms]) => sum + ms, 0)), delivered: `${run.deltas}/${N * DELTAS}` });
  }
  const longest = rows.map((row) => Number(row["longest gap ms"])).sort((a, b) => a - b);
  const summary = { median: longest[Math.floor(longest.length / 2)] ?? 0, max: longest.at(-1) ?? 0, root: process.env.CHATML_ROOT ?? "this checkout" };
  report(`loop gaps after the turns end: ${transport}, ${N} turns of ${DELTAS} deltas each round (median ${summary.median} ms, max ${summary.max} ms)`, rows, { rows, summary });
} finally {
  await server.stop();
}
process.exit(0);

/**
 * Throughput: the sustained stream-delta rate one and twenty conversations can push to a browser before latency
 * degrades. Steps the offered rate up; a step "holds" while p95 stays under P95_LIMIT_MS and ≥ 95 % of the offered
 * rate arrives. `bun bench/throughput.ts` (stdio transport)
 */
import { percentile } from "./support/proc-stats.ts";
import { streamThroughBridge } from "./support/bridge-client.ts";
import { report, round, startBenchServer, waitIdle, warmConversations } from "./support/bench-server.ts";

const P95_LIMIT_MS = Number(process.env.BENCH_P95_LIMIT_MS ?? 50);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 2);
const PLANS = [
  { conversations: 1, rates: [1000, 4000, 16000, 32000, 64000] },
  { conversations: 20, rates: [50, 200, 800, 1600, 3200] },
];

const server = await startBenchServer("stdio");
const rows: Record<string, string | number>[] = [];
const sustained: Record<string, number> = {};
try {
  const ids = await warmConversations(server, 20);
  for (const plan of PLANS) {
    for (const rate of plan.rates) {
      const run = await streamThroughBridge(server, ids.slice(0, plan.conversations), Math.round(rate * STEP_SECONDS), rate);
      await waitIdle(server, ids);
      const achieved = run.deltas / run.seconds;
      const p95 = percentile(run.latencies, 95);
      const holds = p95 < P95_LIMIT_MS && achieved >= 0.95 * rate * plan.conversations && run.deltas === run.expected;
      rows.push({ conversations: plan.conversations, "offered/s": rate * plan.conversations, "delivered/s": Math.round(achieved), p50: round(percentile(run.latencies, 50), 2), p95: round(p95, 2), holds: holds ? "yes" : "no" });
      if (!holds) break;
      sustained[`${plan.conversations}`] = rate * plan.conversations;
    }
  }
} finally {
  await server.stop();
}
report(`throughput (deltas/s to one browser socket; p95 limit ${P95_LIMIT_MS} ms)`, rows, { sustained, rows });
process.exit(0);

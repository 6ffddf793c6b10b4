/**
 * A paced turn's server CPU and p99, two checkouts side by side (issue 16): both servers run at once on the replaying
 * CLI, 20 warm conversations each, and take turns (A, B, A, B…) streaming bridge-figures.ts's paced turn (1,000 deltas
 * at 200/s, ~62 KB each, both line orders in turn), so a busy minute of a shared machine falls on both alike. Per
 * round: each server's CPU ms for its turn, and the ratio; per checkout the medians of the rounds.
 * `CHATML_ROOT=<a built checkout> bun bench/paced-cpu-pairs.ts [stdio|sdk-url]` (CHATML_COMPARE=<a built checkout>
 * replaces this one as "after"; BENCH_ROUNDS, default 6, after one warm-up round each).
 */
import { streamThroughBridge } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { cpuMs } from "./support/proc-cpu.ts";
import { percentile } from "./support/proc-stats.ts";
import { REPO_ROOT } from "../e2e/harness/index.ts";

const N = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const transport = process.argv[2] === "sdk-url" ? "sdk-url" : "stdio";
const roots = { before: process.env.CHATML_ROOT, after: process.env.CHATML_COMPARE ?? REPO_ROOT };
if (!roots.before) throw new Error("CHATML_ROOT=<a built checkout to compare with> is needed");

const servers = await Promise.all(Object.values(roots).map((root) => startServerProcess(transport, { root })));
try {
  const ids = await Promise.all(servers.map((server) => warmConversations(server, N)));
  const cpu: number[][] = servers.map(() => []);
  const p99: number[][] = servers.map(() => []);
  for (let r = 0; r < ROUNDS + 1; r++) {
    for (const [i, server] of servers.entries()) {
      const before = cpuMs(server.pid);
      const run = await streamThroughBridge(server, ids[i]!, 1000, 200, 62, r % 2 ? "stop-first" : "assistant-first");
      await waitIdle(server, ids[i]!);
      // The first round warms the JIT (ADR 0199).
      if (r === 0) continue;
      cpu[i]!.push(cpuMs(server.pid) - before);
      p99[i]!.push(percentile(run.latencies, 99));
    }
  }
  const rows = Object.keys(roots).map((name, i) => ({
    checkout: name,
    "CPU ms, median": Math.round(percentile(cpu[i]!, 50)),
    "p99 ms, median": round(percentile(p99[i]!, 50)),
    "rounds' CPU ms": cpu[i]!.map(Math.round).join(" "),
    "rounds' p99 ms": p99[i]!.map((v) => round(v)).join(" "),
  }));
  const ratios = cpu[1]!.map((after, r) => round(after / cpu[0]![r]!, 2));
  report(`paced CPU, ${transport}, ${ROUNDS} rounds each, alternating (after / before per round: ${ratios.join(" ")})`, rows, { rows, ratios, transport, roots });
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
process.exit(0);

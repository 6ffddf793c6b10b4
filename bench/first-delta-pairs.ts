/**
 * How soon 20 sends landing together get their first deltas (issue 16's turn start), two checkouts side by side: both
 * servers run at once on the replaying CLI, 20 warm conversations each, and take turns (A, B, A, B…) sending a short
 * paced turn to all 20, so a busy minute of a shared machine falls on both alike. Per checkout: each round's median and
 * longest first delta after the sends (at one browser socket), and the medians over all rounds.
 * `CHATML_ROOT=<a built checkout> bun bench/first-delta-pairs.ts [stdio|sdk-url]` (BENCH_ROUNDS, BENCH_CONVERSATIONS).
 */
import { streamThroughBridge } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { percentile } from "./support/proc-stats.ts";
import { REPO_ROOT } from "../e2e/harness/index.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const transport = process.argv[2] === "stdio" ? "stdio" : "sdk-url";
const roots = { before: process.env.CHATML_ROOT, after: REPO_ROOT };
if (!roots.before) throw new Error("CHATML_ROOT=<a built checkout to compare with> is needed");

const servers = await Promise.all(Object.values(roots).map((root) => startServerProcess(transport, { root })));
try {
  const ids = await Promise.all(servers.map((server) => warmConversations(server, N)));
  const firsts: number[][][] = servers.map(() => []);
  for (let r = 0; r < ROUNDS + 2; r++) {
    for (const [i, server] of servers.entries()) {
      const run = await streamThroughBridge(server, ids[i]!, 50, 200, 0, r % 2 ? "stop-first" : "assistant-first");
      await waitIdle(server, ids[i]!);
      if (r >= 2) firsts[i]!.push(run.firsts); // the first two rounds warm the JIT (ADR 0199)
    }
  }
  const rows = Object.keys(roots).map((name, i) => {
    const rounds = firsts[i]!;
    return {
      checkout: name,
      "first delta ms, median of rounds' medians": round(percentile(rounds.map((f) => percentile(f, 50)), 50)),
      "longest, median of rounds": round(percentile(rounds.map((f) => Math.max(...f)), 50)),
      "rounds' medians": rounds.map((f) => Math.round(percentile(f, 50))).join(" "),
      "rounds' longest": rounds.map((f) => Math.round(Math.max(...f))).join(" "),
    };
  });
  report(`first delta after ${N} sends at once, ${transport}, ${ROUNDS} rounds each, alternating`, rows, { rows, transport, roots });
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
process.exit(0);

/**
 * How a ChatML server's CPU and its JIT compiler's settle over many turns (issue 16, ADR 0199): N = 20 conversations
 * × 1,000 deltas at 200/s (~62 KB each, as paced-stalls.ts), `BENCH_TURNS` turns in a row after one warm-up turn, the
 * CLI's lines in both orders by turns. Per turn: the server's whole CPU (all threads, the sends to the last turn's
 * end), what its main thread, its `JITWorker`, its collector's `HeapHelper` and collector threads spent, and the CPU
 * per delta. `BENCH_JIT_REPORT=1` also has JavaScriptCore report each compilation (DFG and FTL) and prints, per turn,
 * how many there were, their reported time and the longest ones by function — which code is compiled when.
 * `BENCH_DELTAS`/`BENCH_RATE` change the turn (rate 0 is a burst). `bun bench/jit-turns.ts` (CHATML_ROOT=<checkout>
 * measures another checkout's server.)
 */
import { streamThroughBridge } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { cpuMs, threadCpu, threadCpuBetween } from "./support/proc-cpu.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const TURNS = Number(process.env.BENCH_TURNS ?? 14);
const DELTAS = Number(process.env.BENCH_DELTAS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const isReporting = process.env.BENCH_JIT_REPORT === "1";
/**
 * The server's threads by what they do: its JavaScript (`bun.exe`), JavaScriptCore's compiler, its collector's helpers
 * and its collector's own thread (its name is cut to its last 15 characters).
 */
const THREADS = [["main ms", "bun.exe"], ["JIT ms", "JITWorker"], ["GC ms", "HeapHelper"], ["collector ms", "ollector Thread"]] as const;
const COMPILED = /^Optimized (\S*?)#.*? using (DFG|FTL) .* in ([\d.]+) ms/;

/** The compilations JavaScriptCore reported in `stderr` from `from` on: count, reported ms, the longest by name. */
function compilations(stderr: string, from: number): { count: number; ms: number; longest: string } {
  const found = stderr.slice(from).split("\n").flatMap((line) => {
    const match = COMPILED.exec(line);
    return match ? [{ name: `${match[1] || "(anonymous)"} ${match[2]}`, ms: Number(match[3]) }] : [];
  });
  const longest = found.toSorted((a, b) => b.ms - a.ms).slice(0, 4).map(({ name, ms }) => `${name} ${Math.round(ms)}`);
  return { count: found.length, ms: found.reduce((sum, { ms }) => sum + ms, 0), longest: longest.join(", ") };
}

const jscReports = { BUN_JSC_reportDFGCompileTimes: "1", BUN_JSC_reportFTLCompileTimes: "1" };
const server = await startServerProcess("stdio", { env: isReporting ? jscReports : {} });
const rows: Record<string, string | number>[] = [];
try {
  const ids = await warmConversations(server, N);
  await streamThroughBridge(server, ids, DELTAS, RATE, 62, "assistant-first");
  await waitIdle(server, ids);
  for (let turn = 1; turn <= TURNS; turn++) {
    const [threadsBefore, cpuBefore, stderrBefore] = [threadCpu(server.pid), cpuMs(server.pid), server.stderr.text.length];
    const run = await streamThroughBridge(server, ids, DELTAS, RATE, 62, turn % 2 === 0 ? "stop-first" : "assistant-first");
    await waitIdle(server, ids);
    const [cpu, threads] = [cpuMs(server.pid) - cpuBefore, threadCpu(server.pid)];
    const row: Record<string, string | number> = {
      turn,
      "CPU ms": Math.round(cpu),
      ...Object.fromEntries(THREADS.map(([label, name]) => [label, Math.round(threadCpuBetween(threadsBefore, threads, name))])),
      "µs per delta": round((cpu * 1000) / run.deltas),
      missing: run.expected - run.deltas,
    };
    if (isReporting) {
      const compiled = compilations(server.stderr.text, stderrBefore);
      Object.assign(row, { compiled: compiled.count, "reported ms": Math.round(compiled.ms), longest: compiled.longest });
    }
    rows.push(row);
  }
} finally {
  await server.stop();
}
report(`JIT over turns: ${N} conversations × ${DELTAS} deltas at ${RATE || "burst"}/s, after one warm-up turn`, rows, { rows, root: process.env.CHATML_ROOT ?? "." });
process.exit(0);

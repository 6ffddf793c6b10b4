/**
 * Where a turn start's CPU goes, function by function (issue 16, ADR 0207): a ChatML server with
 * support/jsc-samples.ts preloaded (JavaScriptCore's sampling profiler, idle time charged to nothing), 20 warm
 * conversations sent a short paced turn (50 deltas at 200/s) at once, ROUNDS times after two to warm; the samples of
 * each turn's first 0.25 s, as the functions they were in (self) and the functions on their stack (total).
 * `bun bench/turn-start-samples.ts [stdio|sdk-url]` (BENCH_ROUNDS; CHATML_ROOT=<checkout> profiles another checkout;
 * BENCH_SAMPLES_FILE=<path> keeps every sampled stack as JSON, innermost frame first; BENCH_DELTAS / BENCH_RATE /
 * BENCH_BYTES change the turn, e.g. `BENCH_DELTAS=2000 BENCH_RATE=0 JSC_SAMPLES_WINDOW_MS=5000` samples whole bursts,
 * `BENCH_DELTAS=1000 BENCH_BYTES=62 JSC_SAMPLES_WINDOW_MS=6000` whole paced turns of bridge-figures.ts).
 */
import { streamThroughBridge } from "./support/bridge-client.ts";
import { startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { JSC_SAMPLES, JSC_SAMPLES_PRELOAD, type SampleReport } from "./support/jsc-samples.ts";

const transport = process.argv[2] === "sdk-url" ? "sdk-url" : "stdio";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const DELTAS = Number(process.env.BENCH_DELTAS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const BYTES = Number(process.env.BENCH_BYTES ?? 0);
const server = await startServerProcess(transport, JSC_SAMPLES_PRELOAD(process.env.BENCH_SAMPLES_FILE));
try {
  const ids = await warmConversations(server, 20);
  for (let round = 0; round < ROUNDS + 2; round++) {
    // The first two turns warm the JIT (ADR 0199); each later one is marked as it starts.
    if (round >= 2) process.kill(server.pid, "SIGUSR1");
    await streamThroughBridge(server, ids, DELTAS, RATE, BYTES, round % 2 ? "stop-first" : "assistant-first");
    await waitIdle(server, ids);
  }
  process.kill(server.pid, "SIGUSR2");
  while (!server.stderr.text.split("\n").some((line) => line.startsWith(JSC_SAMPLES))) await Bun.sleep(20);
  const line = server.stderr.text.split("\n").find((l) => l.startsWith(JSC_SAMPLES))!;
  const report = JSON.parse(line.slice(JSC_SAMPLES.length + 1)) as SampleReport;
  const share = (n: number) => `${((100 * n) / report.samples).toFixed(1)} %`.padStart(7);
  console.log(`## ${transport}: ${report.samples} samples of 1 ms in the first 0.25 s of ${report.windows} turns (20 sends at once each)`);
  console.log("\nself (the function a sample was in):");
  for (const [name, n] of report.self.slice(0, 30)) console.log(`${share(n)}  ${name}`);
  console.log("\ntotal (a function anywhere on the sample's stack):");
  for (const [name, n] of report.total.slice(0, 50)) console.log(`${share(n)}  ${name}`);
} finally {
  await server.stop();
}
process.exit(0);

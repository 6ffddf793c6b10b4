/**
 * The server's CPU per delta over consecutive bursts in one server (why `startup-memory.ts`'s burst costs more per delta
 * than `bridge-figures.ts`'s): 20 warm conversations, then BURSTS bursts of 2,000 deltas each as fast as the replaying
 * CLI writes, one after another. Per burst: µs of the server's CPU per delta (`/proc`, so the machine's load moves it
 * less than a latency), and how many deltas a browser frame joined. The first burst is a fresh server's first real
 * work, with its JIT still compiling the streaming path (ADR 0199).
 * `bun bench/burst-turns.ts [stdio|sdk-url]` (BENCH_BURSTS; CHATML_ROOT=<checkout> measures another checkout's server).
 */
import { openSocket, sendText } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { cpuMs } from "./support/proc-cpu.ts";

const BURSTS = Number(process.env.BENCH_BURSTS ?? 5);
const transport = process.argv[2] === "sdk-url" ? "sdk-url" : "stdio";
const server = await startServerProcess(transport);
const rows: Record<string, string | number>[] = [];
try {
  const ids = await warmConversations(server, 20);
  await Bun.sleep(2000);
  for (let burst = 1; burst <= BURSTS; burst++) {
    let deltas = 0;
    let frames = 0;
    let completed = 0;
    let done = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const ws = await openSocket(server, ids, (frame) => {
      if (frame.type === "delta" && frame.event.type === "message.part.delta") {
        frames++;
        deltas += frame.event.delta.split("|").length - 1;
      } else if (frame.type === "event" && frame.event.type === "turn.completed" && ++completed === ids.length) done();
    });
    const before = cpuMs(server.pid);
    const started = performance.now();
    await Promise.all(ids.map((id) => sendText(server, id, "stream 2000 0 0")));
    await finished;
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuMs(server.pid) - before;
    ws.close();
    rows.push({ burst, deltas, "deltas/s": Math.round(deltas / seconds), "CPU µs per delta": round((cpu * 1000) / deltas, 1), "deltas per frame": round(deltas / frames, 1) });
    await waitIdle(server, ids);
    await Bun.sleep(1500);
  }
} finally {
  await server.stop();
}
report(`bursts in one server: ${transport}, 20 conversations × 2,000 deltas each, ${BURSTS} in a row`, rows, { rows, transport, root: process.env.CHATML_ROOT ?? "." });
process.exit(0);

/**
 * Where the burst's extra memory after long turns comes from (issue 16): one ChatML server (stdio, or sdk-url with
 * BENCH_TRANSPORT=sdk-url; 20 conversations) streams bridge-figures.ts's paced turns (a first turn, then both line orders: 1,000 deltas at 200/s, ~62 KB of text
 * each), then the same burst (20 × 2,000 deltas as fast as possible) with its RSS peak. heap-probe.ts reads the
 * server's heap, allocator and pages when the warm server is idle, and again the moment the last paced turn has
 * ended, each as found and after a synchronous full collection — so live objects the turns left behind, collectible
 * garbage and pages the allocator keeps show apart. BENCH_PACED=0 bursts a fresh server (the floor of this question);
 * HEAP_PROBE_GC=0 probes without collecting, so the burst starts on the heap exactly as bridge-figures.ts's does
 * (heap-probe.ts names the other collections it can make instead of `Bun.gc(true)`).
 * `bun bench/burst-after-turns.ts` (CHATML_ROOT=<checkout> runs another checkout's server, e.g. main before a change).
 */
import { streamThroughBridge } from "./support/bridge-client.ts";
import { burstWithPeak, report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { HEAP_PROBE, HEAP_PROBE_PRELOAD, lastProbe, type HeapProbe, type HeapReading } from "./support/heap-probe.ts";

const N = 20;
const PACED = { deltas: 1000, rate: 200, bytes: 62 };
const BURST = 2000;
const ORDERS = ["assistant-first", "assistant-first", "stop-first"] as const;
const isPaced = process.env.BENCH_PACED !== "0";
const TRANSPORT = process.env.BENCH_TRANSPORT === "sdk-url" ? "sdk-url" : "stdio";

const server = await startServerProcess(TRANSPORT, HEAP_PROBE_PRELOAD);
/** Asks the server for a probe and waits for its line. */
async function probe(): Promise<HeapProbe> {
  const probes = () => server.stderr.text.split(`${HEAP_PROBE} `).length;
  const seen = probes();
  process.kill(server.pid, "SIGUSR2");
  while (probes() === seen || !server.stderr.text.endsWith("\n")) await Bun.sleep(10);
  return lastProbe(server.stderr.text) as HeapProbe;
}
const row = (when: string, reading: HeapReading | null) =>
  reading && { when, "RSS MiB": reading.rss, "anon MiB": reading.anon, "file MiB": reading.file, "heap MiB": reading.heap, "heap capacity MiB": reading.heapCapacity, "extra MiB": reading.extra, objects: reading.objects, "allocator MiB": reading.allocatorCurrent, "allocator commit MiB": reading.allocatorCommit, "GC ms": reading.gcMs ?? "—" };

try {
  const ids = await warmConversations(server, N);
  await Bun.sleep(1000);
  const warm = await probe();
  let afterTurns: HeapProbe | null = null;
  if (isPaced) {
    for (const order of ORDERS) {
      await streamThroughBridge(server, ids, PACED.deltas, PACED.rate, PACED.bytes, order);
      await waitIdle(server, ids);
    }
    afterTurns = await probe();
  }
  const { run: burst, cpu, peak } = await burstWithPeak(server, ids, BURST);
  const rows = [row("warm, found", warm.found), row("warm, collected", warm.collected), row("after turns, found", afterTurns?.found ?? null), row("after turns, collected", afterTurns?.collected ?? null)].filter(Boolean);
  report("heap probes (MiB)", rows as Record<string, string | number>[], { rows });
  const grown = (probeOf: HeapProbe | null) => probeOf?.collected ?? probeOf?.found;
  const before = grown(warm);
  const after = grown(afterTurns);
  if (before && after) {
    const types = Object.entries(after.types).map(([type, count]) => ({ type, warm: before.types[type] ?? 0, "after turns": count, grown: count - (before.types[type] ?? 0) }));
    types.sort((a, b) => b.grown - a.grown);
    report("object types grown over the turns (after a full collection each)", types.slice(0, 15), { types: types.slice(0, 40) });
  }
  report("burst", [{ transport: TRANSPORT, paced: isPaced ? "after paced turns" : "fresh", "probe collected": process.env.HEAP_PROBE_GC ?? "Bun.gc(true)", "RSS peak MiB": round(peak), "CPU µs/delta": round((cpu * 1000) / burst.deltas, 1), "deltas/s": Math.round(burst.deltas / burst.seconds), delivered: `${burst.deltas}/${N * BURST}` }], {});
} finally {
  await server.stop();
}
process.exit(0);

/**
 * Preloaded into a server (`bun --preload bench/support/heap-probe.ts …`): on SIGUSR2 writes one `HEAP_PROBE {…}` line
 * to stderr with what the process holds — the JavaScriptCore heap (`bun:jsc` heapStats: live cells, their capacity,
 * the "extra" memory cells own outside the heap, object counts by type), the allocator's view (`bun:jsc` memoryUsage)
 * and the kernel's (/proc/self/smaps_rollup: private anonymous vs file-backed pages) — first as found, then after a
 * synchronous collection, `Bun.gc(true)` unless HEAP_PROBE_GC names another: `fullGC` (bun:jsc: full, not swept,
 * compiled code kept), `gcAndSweep` (bun:jsc: full and swept, compiled code kept), `async` (only asks for a concurrent
 * collection, `Bun.gc(false)`, as the burst collector does, and reads 300 ms later) or `0` (none: the heap stays as
 * found, so a probe changes nothing after it).
 * Used by burst-after-turns.ts to tell garbage from retained objects and objects from pages the allocator keeps.
 */
import { fullGC, gcAndSweep, heapStats, memoryUsage } from "bun:jsc";
import { readFileSync } from "node:fs";

export const HEAP_PROBE = "HEAP_PROBE";

const SYNC_COLLECTIONS: Record<string, () => unknown> = { fullGC, gcAndSweep };

/** What a server process is started with to be probed (the env var keeps a plain import of this file inert). */
export const HEAP_PROBE_PRELOAD = { bunArgs: ["--preload", import.meta.path], env: { HEAP_PROBE_ON: "1" } };

/** One reading, MiB except counts. */
export type HeapReading = {
  rss: number;
  anon: number;
  file: number;
  heap: number;
  heapCapacity: number;
  extra: number;
  objects: number;
  allocatorCurrent: number;
  allocatorCommit: number;
  types: Record<string, number>;
  /** How long the synchronous collection before this reading paused the loop. */
  gcMs?: number;
};
export type HeapProbe = { found: HeapReading; collected: HeapReading | null };

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function read(): HeapReading {
  const rollup = readFileSync("/proc/self/smaps_rollup", "utf8");
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? Number.NaN) * 1024;
  const stats = heapStats();
  const allocator = memoryUsage();
  return {
    rss: mib(kib("Rss")),
    anon: mib(kib("Anonymous")),
    file: mib(kib("Rss") - kib("Anonymous")),
    heap: mib(stats.heapSize),
    heapCapacity: mib(stats.heapCapacity),
    extra: mib(stats.extraMemorySize),
    objects: stats.objectCount,
    allocatorCurrent: mib(allocator.current),
    allocatorCommit: mib(allocator.currentCommit),
    types: stats.objectTypeCounts as Record<string, number>,
  };
}

if (process.env.HEAP_PROBE_ON === "1") {
  process.on("SIGUSR2", () => {
    const found = read();
    const write = (collected: HeapReading | null) => process.stderr.write(`${HEAP_PROBE} ${JSON.stringify({ found, collected } satisfies HeapProbe)}\n`);
    if (process.env.HEAP_PROBE_GC === "0") return write(null);
    if (process.env.HEAP_PROBE_GC === "async") {
      // Only asks, as the burst collector does; read once the collector's thread had time to finish.
      Bun.gc(false);
      return void setTimeout(() => write(read()), 300);
    }
    const collect = SYNC_COLLECTIONS[process.env.HEAP_PROBE_GC ?? ""] ?? (() => Bun.gc(true));
    const started = performance.now();
    collect();
    write({ ...read(), gcMs: Math.round((performance.now() - started) * 10) / 10 });
  });
}

/** The probe in the last `HEAP_PROBE` line of `stderr`, or null. */
export function lastProbe(stderr: string): HeapProbe | null {
  const line = stderr.split("\n").filter((l) => l.startsWith(HEAP_PROBE)).at(-1);
  return line ? (JSON.parse(line.slice(HEAP_PROBE.length + 1)) as HeapProbe) : null;
}

/**
 * Start-up and memory: server RSS idle after its first start and after a later one (the same data dir reopened, as
 * most starts are), with 20 warm conversations, at the peak of a burst (20 × 2,000 deltas as fast as the replaying CLI
 * writes) and after the burst has settled, beside the floor — a bare `Bun.serve` in the same run. Each RSS is split into private memory (RssAnon: JS heap, malloc, code compiled from our modules) and
 * file-backed pages (RssFile: mostly the pages of the Bun executable that ran, shared by every Bun process). Beside
 * them, the server's CPU per delta in the burst, so a lever that saves memory shows what it costs the streaming path.
 * That burst is the server's first real work (its JIT still compiling the streaming path, ADR 0199), so its CPU per
 * delta compares with this bench's own runs only: bridge-figures.ts bursts after 100,000 paced deltas (a warm server).
 * The server is what a user's `bunx chatml` runs: the prebuilt bundle when `bin/chatml.ts` finds it fresh (ADR 0042;
 * `CHATML_SOURCES=1` runs the sources). `bun bench/startup-memory.ts` (CHATML_ROOT=<checkout> measures another
 * checkout's server, e.g. main before a change; BENCH_EVENTS=1000000 streams a million deltas in turns of 10,000
 * instead of one burst).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { freePort, REPO_ROOT, startChatml, tempDir } from "../e2e/harness/index.ts";
import { openSocket, sendText, streamThroughBridge } from "./support/bridge-client.ts";
import { chatmlEntry } from "./support/chatml-entry.ts";
import { report, round, waitIdle, warmConversations } from "./support/bench-server.ts";
import { cpuMs } from "./support/proc-cpu.ts";
import { memoryOf, type Memory } from "./support/proc-stats.ts";

const ROOT = process.env.CHATML_ROOT ?? REPO_ROOT;
const CONVERSATIONS = 20;
const BURST = 2000;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 0);
/** Long enough for the server's idle collection (ADR 0036) to have run after the last event. */
const SETTLE_MS = 6000;


/** Samples a process's memory every 20 ms until stopped; returns the sample with the highest RSS. */
function peakOf(pid: number): { stop(): Memory } {
  let peak = memoryOf(pid);
  const timer = setInterval(() => {
    const now = memoryOf(pid);
    if (now.rss > peak.rss) peak = now;
  }, 20);
  return { stop: () => (clearInterval(timer), peak) };
}

async function floor(): Promise<Memory> {
  const script = join(tempDir("chatml-bench-floor"), "floor.ts");
  writeFileSync(script, `Bun.serve({ hostname: "127.0.0.1", port: Number(process.argv[2]), fetch: () => new Response("ok") });\n`);
  const port = await freePort();
  const proc = Bun.spawn([process.execPath, script, String(port)], { stdout: "ignore", stderr: "inherit" });
  try {
    while (!(await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false))) await Bun.sleep(5);
    await Bun.sleep(2000);
    return memoryOf(proc.pid);
  } finally {
    proc.kill();
    await proc.exited;
  }
}

async function chatml(): Promise<Record<string, Memory | number>> {
  const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
  const start = async (dataDir: string) => startChatml({ dataDir, claudeBin: await writeReplayCliBin(), env, script: join(ROOT, "bin", "chatml.ts") });
  // A first start creates the database and the VAPID keys (which loads node:crypto); every later one reopens them.
  const dataDir = tempDir("chatml-bench-mem");
  const first = await start(dataDir);
  await Bun.sleep(2000);
  const idleFirst = memoryOf(first.proc.pid);
  await first.stop();
  const server = await start(dataDir);
  const pid = server.proc.pid;
  try {
    await Bun.sleep(2000);
    const idle = memoryOf(pid);
    const ids = await warmConversations(server, CONVERSATIONS);
    await Bun.sleep(SETTLE_MS);
    const warm = memoryOf(pid);
    const peak = peakOf(pid);
    const cpuBefore = cpuMs(pid);
    let deltas = 0;
    if (EVENTS > 0) {
      const ws = await openSocket(server, ids, (frame) => void (frame.type === "delta" && deltas++));
      for (let sent = 0; sent < EVENTS; sent += 10_000 * ids.length) {
        await Promise.all(ids.map((id) => sendText(server, id, "stream 10000 0 0")));
        await waitIdle(server, ids, 600_000);
      }
      ws.close();
    } else {
      deltas = (await streamThroughBridge(server, ids, BURST, 0)).deltas;
    }
    const top = peak.stop();
    // A memory lever must not buy its MiB with the streaming path's CPU: the server's CPU per delta of the burst.
    const cpuPerDeltaUs = ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(1, deltas);
    await waitIdle(server, ids);
    await Bun.sleep(SETTLE_MS);
    return { idleFirst, idle, warm, peak: top, settled: memoryOf(pid), deltas, cpuPerDeltaUs };
  } finally {
    await server.stop();
  }
}

const entry = await chatmlEntry(ROOT);
const bare = await floor();
const figures = await chatml();
const row = (measure: string, m: Memory, floorOf: Memory | null) => ({
  measure,
  "RSS MiB": round(m.rss),
  "private (anon) MiB": round(m.anon),
  "file-backed MiB": round(m.file),
  "floor RSS / anon / file MiB": floorOf ? `${round(floorOf.rss)} / ${round(floorOf.anon)} / ${round(floorOf.file)}` : "",
});
report(
  `server memory (${ROOT === REPO_ROOT ? "this checkout" : ROOT}, ${entry})`,
  [
    row("idle after the first start (new data dir)", figures.idleFirst as Memory, bare),
    row("idle after a later start", figures.idle as Memory, bare),
    row(`idle, ${CONVERSATIONS} warm CLIs`, figures.warm as Memory, null),
    row(`peak of the burst (${figures.deltas as number} deltas)`, figures.peak as Memory, null),
    row(`${SETTLE_MS / 1000} s after the burst`, figures.settled as Memory, null),
  ],
  { floor: bare, entry, ...figures },
);
console.log(`server CPU per delta in the burst: ${round(figures.cpuPerDeltaUs as number)} µs (a fresh server's first burst: its JIT still compiling)`);
process.exit(0);

/**
 * The bridge figures of issue 16, each beside its floor from the same run: N conversations (20) streaming at once.
 *   paced   — 1,000 deltas each at 200/s, ~62 KB of text per turn, every turn ending at the same moment, in both
 *             orders real CLIs write a block's end (assistant line then content_block_stop, and the reverse):
 *             p99 and max latency (CLI line written → event at a browser socket), first delta after the send
 *   burst   — 2,000 deltas each as fast as the replaying CLI writes: deltas/s delivered, server CPU per delta
 *   memory  — server RSS idle (CLIs warm) and peak during the burst
 * Beside the paced latencies, two figures the machine's load does not move: the server's CPU time for the paced run
 * (the floor's relay's for the floor) and the bytes of events the run stored in SQLite (checkpoints, final parts).
 * Each path first streams one paced turn of its own (the row "first turn"): a server runs for hours, and in its first
 * long turn the JIT is still compiling the streaming path, so that turn is shown apart and the timed turns follow it.
 * Paths: ChatML over stdio (2.1.330) and over --sdk-url (2.1.119), each after its floor: a bare Bun WebSocket relay
 * of the same CLI lines over the same transport (relay-server.ts), all driven by the replaying CLI. `bun bench/bridge-figures.ts`
 * (CHATML_ROOT=<checkout> runs another checkout's server with this script, e.g. the commit before a change.)
 */
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { REPO_ROOT } from "../e2e/harness/index.ts";
import { streamThroughBridge, streamThroughRelay, type StreamRun } from "./support/bridge-client.ts";
import { burstWithPeak, report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { cpuMs, rssPeak } from "./support/proc-cpu.ts";
import { percentile, rssMiB } from "./support/proc-stats.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const PACED = { deltas: 1000, rate: 200, bytes: 62 };
const BURST = 2000;
const ORDERS = ["assistant-first", "stop-first"] as const;
type Order = (typeof ORDERS)[number];
type Row = Record<string, string | number>;

function pacedRow(path: string, order: Order | "first turn", run: StreamRun, cpu: number, storedBytes: number | null): Row {
  return {
    path,
    order,
    "p99 ms": round(percentile(run.latencies, 99), 1),
    "max ms": round(Math.max(...run.latencies), 1),
    "first delta p50 ms": round(percentile(run.firsts, 50), 0),
    "first delta max ms": round(Math.max(...run.firsts), 0),
    "CPU ms": Math.round(cpu),
    "stored KB": storedBytes === null ? "—" : Math.round(storedBytes / 1000),
    delivered: `${run.deltas}/${N * PACED.deltas}`,
  };
}

/** Bytes of event payloads in the server's database so far (read-only; WAL readers see committed data). */
function storedEventBytes(dataDir: string): number {
  const db = new Database(join(dataDir, "chatml.db"), { readonly: true });
  try {
    return db.query<{ bytes: number | null }, []>("SELECT sum(length(payload)) AS bytes FROM events").get()?.bytes ?? 0;
  } finally {
    db.close();
  }
}

async function chatml(transport: "stdio" | "sdk-url"): Promise<{ paced: Row[]; burst: Row }> {
  const server = await startServerProcess(transport);
  const path = `ChatML ${transport}`;
  try {
    const ids = await warmConversations(server, N);
    await Bun.sleep(1000);
    const idle = rssMiB(server.pid) ?? Number.NaN;
    const paced: Row[] = [];
    for (const order of ["first turn", ...ORDERS] as const) {
      const cpuStart = cpuMs(server.pid);
      const storedStart = storedEventBytes(server.dataDir);
      const run = await streamThroughBridge(server, ids, PACED.deltas, PACED.rate, PACED.bytes, order === "first turn" ? ORDERS[0] : order);
      await waitIdle(server, ids);
      paced.push(pacedRow(path, order, run, cpuMs(server.pid) - cpuStart, storedEventBytes(server.dataDir) - storedStart));
    }
    const { run: burst, cpu, peak } = await burstWithPeak(server, ids, BURST);
    return { paced, burst: burstRow(path, burst.deltas, burst.seconds, cpu, idle, peak) };
  } finally {
    await server.stop();
  }
}

function burstRow(path: string, deltas: number, seconds: number, cpu: number, idle: number, peak: number): Row {
  return {
    path,
    "deltas/s": Math.round(deltas / seconds),
    "CPU µs/delta": round((cpu * 1000) / deltas, 1),
    "RSS idle MiB": round(idle),
    "RSS peak MiB": round(peak),
    delivered: `${deltas}/${N * BURST}`,
  };
}

async function floor(transport: "stdio" | "sdk-url"): Promise<{ paced: Row[]; burst: Row }> {
  const relay = Bun.spawn([process.execPath, `${import.meta.dirname}/support/relay-server.ts`, ...(transport === "sdk-url" ? ["--sdk-url"] : [])], { stdout: "pipe", stderr: "inherit" });
  const path = `floor ${transport} (bare Bun WS relay)`;
  try {
    const reader = relay.stdout.getReader();
    const port = Number(/listening on (\d+)/.exec(new TextDecoder().decode((await reader.read()).value))?.[1]);
    await Bun.sleep(500);
    const idle = rssMiB(relay.pid) ?? Number.NaN;
    const paced: Row[] = [];
    for (const order of ["first turn", ...ORDERS] as const) {
      const cpuStart = cpuMs(relay.pid);
      const run = await streamThroughRelay(port, N, PACED.deltas, PACED.rate, PACED.bytes, order === "first turn" ? ORDERS[0] : order);
      paced.push(pacedRow(path, order, run, cpuMs(relay.pid) - cpuStart, null));
    }
    const cpuBefore = cpuMs(relay.pid);
    const rss = rssPeak(relay.pid);
    const burst = await streamThroughRelay(port, N, BURST, 0);
    const cpu = cpuMs(relay.pid) - cpuBefore;
    return { paced, burst: burstRow(path, burst.deltas, burst.seconds, cpu, idle, rss.stop()) };
  } finally {
    relay.kill();
  }
}

const results = [await floor("stdio"), await chatml("stdio"), await floor("sdk-url"), await chatml("sdk-url")];
const paced = results.flatMap((r) => r.paced);
const burst = results.map((r) => r.burst);
report(`paced: ${N} conversations × ${PACED.deltas} deltas at ${PACED.rate}/s (~${(PACED.deltas * PACED.bytes) / 1000} KB each), ending together`, paced, { paced });
report(`burst: ${N} conversations × ${BURST} deltas as fast as possible`, burst, { burst, root: process.env.CHATML_ROOT ?? REPO_ROOT });
process.exit(0);

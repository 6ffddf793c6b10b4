/**
 * Where issue 16's paced tail comes from, delta by delta: the paced turns of paced-stalls.ts (N = 20 conversations ×
 * 1,000 deltas at 200/s, after one untimed first turn) through the floor (the bare Bun WebSocket relay) and ChatML,
 * each server traced (CHATML_DELTA_TRACE, server/lib/delta-trace.ts). Per turn, the top 1 %'s latency split into
 * CLI wrote → server read → handed to the browser socket → bench client received, `ws.send` backpressure, the
 * server's event-loop gaps that held those deltas and what ran in them, and the client's own gaps.
 * `bun bench/paced-attribution.ts [stdio|sdk-url]` (CHATML_ROOT=<checkout> runs another checkout's server, which must
 * have the trace too).
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../e2e/harness/index.ts";
import { attribute, watchOwnLoop } from "./support/attribution.ts";
import { epochMs, streamThroughBridge, streamThroughRelay, type StreamRun } from "./support/bridge-client.ts";
import { readAll, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import type { DeltaTraceDump } from "../server/lib/delta-trace.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const PACED = { deltas: 1000, rate: 200, bytes: 62 };
const TURNS = (process.env.BENCH_TURNS ?? "first turn,assistant-first,stop-first,assistant-first").split(",");
const transport = process.argv[2] === "sdk-url" ? "sdk-url" : "stdio";

type Target = { pid: number; traceFile: string; turn: (order: string) => Promise<StreamRun>; settle: () => Promise<void> };

const dumpLines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : []);

/** Asks the server for its trace so far and waits for it to be written (a loaded machine may take a while). */
async function takeDump(pid: number, file: string): Promise<DeltaTraceDump> {
  const before = dumpLines(file).length;
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; dumpLines(file).length === before; waited += 50) {
    if (waited > 30_000) throw new Error(`no trace from ${pid} in ${file}: is CHATML_DELTA_TRACE in its checkout?`);
    await Bun.sleep(50);
  }
  return JSON.parse(dumpLines(file).at(-1)!) as DeltaTraceDump;
}

type Row = Record<string, string | number>;

async function measure(path: string, target: Target): Promise<{ split: Row; loop: Row }[]> {
  const rows: { split: Row; loop: Row }[] = [];
  for (const turn of TURNS) {
    await takeDump(target.pid, target.traceFile);
    const client = watchOwnLoop();
    const sentAt = epochMs();
    const run = await target.turn(turn === "first turn" ? "assistant-first" : turn);
    client.stop();
    await target.settle();
    const { split, loop } = attribute(run, await takeDump(target.pid, target.traceFile), client.gaps, sentAt);
    rows.push({ split: { path, turn, ...split }, loop: { path, turn, ...loop } });
  }
  return rows;
}

const traceEnv = (name: string) => {
  const file = join(tempDir("chatml-trace"), `${name}.jsonl`);
  return { file, env: { CHATML_DELTA_TRACE: file } };
};

async function floor(): Promise<{ split: Row; loop: Row }[]> {
  const trace = traceEnv("floor");
  const relay = Bun.spawn([process.execPath, `${import.meta.dirname}/support/relay-server.ts`, ...(transport === "sdk-url" ? ["--sdk-url"] : [])], { stdout: "pipe", stderr: "pipe", env: { ...process.env, ...trace.env } });
  try {
    readAll(relay.stderr);
    const port = Number(/listening on (\d+)/.exec(new TextDecoder().decode((await relay.stdout.getReader().read()).value))?.[1]);
    await Bun.sleep(500);
    return await measure(`floor ${transport}`, { pid: relay.pid, traceFile: trace.file, turn: (order) => streamThroughRelay(port, N, PACED.deltas, PACED.rate, PACED.bytes, order), settle: () => Bun.sleep(300) });
  } finally {
    relay.kill();
  }
}

async function chatml(): Promise<{ split: Row; loop: Row }[]> {
  const trace = traceEnv("chatml");
  // BENCH_CPU_PROF=<dir>: also a sampling CPU profile of ChatML's whole run, as markdown, written when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof-md", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, "--cpu-prof-interval=250"] : [];
  const server = await startServerProcess(transport, { env: trace.env, bunArgs: profile });
  try {
    const ids = await warmConversations(server, N);
    await Bun.sleep(1000);
    return await measure(`ChatML ${transport}`, { pid: server.pid, traceFile: trace.file, turn: (order) => streamThroughBridge(server, ids, PACED.deltas, PACED.rate, PACED.bytes, order), settle: () => waitIdle(server, ids) });
  } finally {
    await server.stop();
    rmSync(trace.file, { force: true });
  }
}

const load = () => (readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "));
const loadBefore = load();
const rows = [...(await floor()), ...(await chatml())];
const title = `paced attribution (${transport}): ${N} conversations × ${PACED.deltas} deltas at ${PACED.rate}/s, load ${loadBefore} → ${load()}`;
console.log(`\n## ${title}: the top 1 %'s latency split`);
console.table(rows.map((row) => row.split));
console.log("\n## where the loops were (gaps over 2 ms that held a top-1 % delta; tasks: count, wall ms, CPU ms)");
for (const { loop } of rows) console.log(Object.values(loop).join(" | "));
console.log(`BENCH_JSON ${JSON.stringify({ name: title, result: { rows, root: process.env.CHATML_ROOT ?? "." } })}`);
process.exit(0);

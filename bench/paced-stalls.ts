/**
 * Where in a turn each server's event loop stalls (issue 16's paced tail): the paced turns of bridge-figures.ts (N = 20
 * conversations × 1,000 deltas at 200/s, ~62 KB each, ending together; after one untimed first turn), through the
 * floor (the bare Bun WebSocket relay, over each transport) and ChatML over stdio and `--sdk-url`, each with loop-gaps.ts preloaded. Per
 * turn: its p99, how much of its top 1 % the CLIs wrote in the turn's first 0.25 s, and the event-loop time lost to
 * gaps over 4 ms by part of the turn (ms beyond the first 4 of each gap, summed; the turn's 0 is when its messages are
 * sent), with the longest gap, and the server's CPU in the turn's first 0.25 s and in the 0.25 s after the CLIs'
 * last delta (the turn's end: the final commits and the turn-end work) and in the whole turn (its sends to 0.25 s after
 * its last delta: what its 20,000 deltas cost, comparable between transports) with what the JIT compiler's, the
 * collector's helper and the allocator's scavenger threads spent (/proc, the turn and its settling), and how long
 * after the sends each conversation's first delta came (median / longest), and how long the server's main thread
 * waited, runnable, for a CPU in the turn's first 0.25 s and in the whole turn (schedstat: what the processes beside it
 * cost it, which a lower priority of theirs changes).
 * `BENCH_TRANSPORTS=stdio` (or `sdk-url`) measures one transport only; `BENCH_WARM_TURNS=4` runs four untimed turns
 * first (ChatML's JIT compiler is still warming in the default timed turns, ADR 0199).
 * ChatML's one-shots are real by default (real-one-shots.ts: the newest pinned CLI against the fake API for `claude -p`,
 * ~1.4–1.8 s of CPU each): the 20 titles the first messages start run, two at a time, into the first timed turns, and
 * each turn says how many ran in it and the CPU they used in it (the live ones' CPU read as the turn starts and as its
 * last delta arrives: a paused one uses its CPU unevenly, ADR 0204). After the turns it waits, at most
 * `BENCH_ONE_SHOTS_WAIT_S` (120), for all 20 titles and says when the first and last ended. `BENCH_ONE_SHOTS=replay`
 * leaves them to the replaying CLI, which fails them at once (the figures before ADR 0205).
 * `bun bench/paced-stalls.ts` (CHATML_ROOT=<checkout> measures another checkout's server.)
 */
import { epochMs, streamThroughBridge, streamThroughRelay, type StreamRun } from "./support/bridge-client.ts";
import { readAll, report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { cpuMsBetween, lastCpu, lastGaps, LOOP_GAPS_PRELOAD } from "./support/loop-gaps.ts";
import { runQueueWaitMs, threadCpu, threadCpuBetween } from "./support/proc-cpu.ts";
import { percentile } from "./support/proc-stats.ts";
import { describeOneShots, oneShotsBetween, startRealOneShots, type OneShotCpu, type RealOneShots } from "./support/real-one-shots.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const PACED = { deltas: 1000, rate: 200, bytes: 62 };
const TURNS = ["first turn", "assistant-first", "stop-first", "assistant-first", "stop-first"] as const;
/** Untimed turns before those (ChatML's CPU a turn settles after 3–5 turns of JIT warm-up, ADR 0199); none by default. */
const WARM_TURNS = Number(process.env.BENCH_WARM_TURNS ?? 0);
/** Parts of a turn (seconds after the send): its start, the first checkpoints, the middle, its end. */
const PHASES: [string, number, number][] = [
  ["0–0.25 s", 0, 0.25],
  ["0.25–1 s", 0.25, 1],
  ["1–4.75 s", 1, 4.75],
  ["4.75 s–end", 4.75, Number.POSITIVE_INFINITY],
];

type Target = { pid: number; stderr: { text: string }; turn: (order: string) => Promise<StreamRun>; settle: () => Promise<void>; oneShots?: RealOneShots };
/** One-shots for ChatML's runs: `real` (the default, when a pinned CLI is installed) or `replay`. */
const ONE_SHOTS = process.env.BENCH_ONE_SHOTS ?? "real";

async function measure(path: string, target: Target): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  const windows: [[number, OneShotCpu], [number, OneShotCpu]][] = [];
  const oneShotCpu = (): [number, OneShotCpu] => [epochMs(), target.oneShots?.cpuNow() ?? new Map()];
  for (let warm = 0; warm < WARM_TURNS; warm++) {
    await target.turn(warm % 2 === 0 ? "assistant-first" : "stop-first");
    await target.settle();
  }
  for (const turn of TURNS) {
    process.kill(target.pid, "SIGUSR2");
    await Bun.sleep(100);
    const threadsBefore = threadCpu(target.pid);
    const oneShotsAtStart = oneShotCpu();
    const sentAt = epochMs();
    const waitedBefore = runQueueWaitMs(target.pid);
    let waitedAtStart = Number.NaN;
    const startRead = setTimeout(() => (waitedAtStart = runQueueWaitMs(target.pid)), 250);
    const run = await target.turn(turn === "first turn" ? "assistant-first" : turn);
    const oneShotsAtEnd = oneShotCpu();
    clearTimeout(startRead);
    const waitedInTurn = runQueueWaitMs(target.pid) - waitedBefore;
    await target.settle();
    const threads = threadCpu(target.pid);
    process.kill(target.pid, "SIGUSR2");
    await Bun.sleep(200);
    const gaps = lastGaps(target.stderr.text).filter(([at]) => at >= sentAt - 50);
    const cpu = lastCpu(target.stderr.text);
    const lastWritten = Math.max(...run.writtenAt);
    const p99 = percentile(run.latencies, 99);
    const tail = run.writtenAt.filter((_, i) => run.latencies[i]! >= p99);
    const atStart = tail.filter((writtenAt) => writtenAt - sentAt < 250).length;
    // After warm turns the first timed turn is not the server's first: it is labelled by its line order instead.
    const label = turn === "first turn" && WARM_TURNS > 0 ? `assistant-first (after ${WARM_TURNS} warm)` : turn;
    const row: Record<string, string | number> = { path, turn: label, "p99 ms": round(p99, 1), "top 1 % written in 0–0.25 s": `${Math.round((100 * atStart) / Math.max(1, tail.length))} %` };
    for (const [name, from, to] of PHASES) {
      const inPhase = gaps.filter(([at]) => (at - sentAt) / 1000 >= from && (at - sentAt) / 1000 < to);
      row[`stalled ${name}`] = Math.round(inPhase.reduce((sum, [, ms]) => sum + ms - 4, 0));
    }
    row["longest gap ms"] = Math.max(0, ...gaps.map(([, ms]) => ms));
    row["CPU ms 0–0.25 s"] = Math.round(cpuMsBetween(cpu, sentAt, sentAt + 250));
    row["CPU ms end +0.25 s"] = Math.round(cpuMsBetween(cpu, lastWritten, lastWritten + 250));
    row["CPU ms turn"] = Math.round(cpuMsBetween(cpu, sentAt, lastWritten + 250));
    row["of it: JIT / GC helpers / allocator ms"] = ["JITWorker", "HeapHelper", "mi-scavenger"].map((name) => Math.round(threadCpuBetween(threadsBefore, threads, name))).join(" / ");
    row["waited for a CPU ms 0–0.25 s / turn"] = `${Math.round(waitedAtStart - waitedBefore)} / ${Math.round(waitedInTurn)}`;
    row["first delta ms"] = `${Math.round(percentile(run.firsts, 50))} / ${Math.round(Math.max(...run.firsts))}`;
    rows.push(row);
    windows.push([oneShotsAtStart, oneShotsAtEnd]);
  }
  // Read once the turns are over: a one-shot is logged when it ends.
  const oneShots = (await target.oneShots?.runs()) ?? [];
  rows.forEach((row, i) => {
    const { count, cpuMs } = oneShotsBetween(oneShots, ...windows[i]!);
    // From the turn's sends to its last delta's arrival; live one-shots' CPU read at those moments.
    row["one-shots in turn (CPU ms)"] = target.oneShots ? `${count} (${cpuMs})` : "—";
  });
  return rows;
}

/**
 * Waits (at most ONE_SHOTS_WAIT_MS) for every title the first messages asked to end, with no turn running, and says
 * when the last did: one held back while turns stream must still arrive (ADR 0204).
 */
async function titlesArrived(oneShots: RealOneShots, askedAt: number): Promise<string> {
  const deadline = Date.now() + ONE_SHOTS_WAIT_MS;
  while ((await oneShots.runs()).length < N && Date.now() < deadline) await Bun.sleep(250);
  const runs = await oneShots.runs();
  const ends = runs.map((run) => (run.end - askedAt) / 1000).toSorted((a, b) => a - b);
  return `${runs.length} of ${N} titles ended after the turns (${runs.filter((run) => run.code === 0).length} answered), the first ${ends[0]?.toFixed(1) ?? "—"} s and the last ${ends.at(-1)?.toFixed(1) ?? "—"} s after the first messages`;
}

/** How long a run waits for the titles after its turns (`BENCH_ONE_SHOTS_WAIT_S`, 0 to not wait). */
const ONE_SHOTS_WAIT_MS = Number(process.env.BENCH_ONE_SHOTS_WAIT_S ?? 120) * 1000;

async function floor(transport: "stdio" | "sdk-url"): Promise<Record<string, string | number>[]> {
  const relay = Bun.spawn([process.execPath, ...LOOP_GAPS_PRELOAD.bunArgs, `${import.meta.dirname}/support/relay-server.ts`, ...(transport === "sdk-url" ? ["--sdk-url"] : [])], { stdout: "pipe", stderr: "pipe", env: { ...process.env, ...LOOP_GAPS_PRELOAD.env } });
  try {
    const stderr = readAll(relay.stderr);
    const port = Number(/listening on (\d+)/.exec(new TextDecoder().decode((await relay.stdout.getReader().read()).value))?.[1]);
    await Bun.sleep(500);
    return await measure(`floor ${transport} (bare Bun WS relay)`, { pid: relay.pid, stderr, turn: (order) => streamThroughRelay(port, N, PACED.deltas, PACED.rate, PACED.bytes, order), settle: () => Bun.sleep(300) });
  } finally {
    relay.kill();
  }
}

async function chatml(transport: "stdio" | "sdk-url"): Promise<Record<string, string | number>[]> {
  const realOneShots = ONE_SHOTS === "real" ? await startRealOneShots() : null;
  if (ONE_SHOTS === "real" && !realOneShots) console.warn("no pinned CLI installed (scripts/install-cli.sh): one-shots are the replaying CLI's");
  const server = await startServerProcess(transport, { ...LOOP_GAPS_PRELOAD, claudeBin: realOneShots?.bin });
  try {
    // The warm-up sends each conversation's first message: its title is asked then.
    const askedAt = epochMs();
    // Left to run into the timed turns: this bench says what they cost there.
    const ids = await warmConversations(server, N, { oneShots: "leave" });
    await Bun.sleep(1000);
    const path = `ChatML ${transport}, one-shots ${realOneShots ? `real (${realOneShots.cliVersion})` : "replayed"}`;
    const rows = await measure(path, { ...server, turn: (order) => streamThroughBridge(server, ids, PACED.deltas, PACED.rate, PACED.bytes, order), settle: () => waitIdle(server, ids), oneShots: realOneShots ?? undefined });
    if (realOneShots) console.log(`${path}: ${describeOneShots(await realOneShots.runs())} during the turns`);
    if (realOneShots) console.log(`${path}: ${await titlesArrived(realOneShots, askedAt)}`);
    return rows;
  } finally {
    await server.stop();
    await realOneShots?.stop();
  }
}

const transports = (process.env.BENCH_TRANSPORTS ?? "stdio,sdk-url").split(",") as ("stdio" | "sdk-url")[];
const rows: Record<string, string | number>[] = [];
for (const transport of transports) rows.push(...(await floor(transport)), ...(await chatml(transport)));
report(`paced stalls: ${N} conversations × ${PACED.deltas} deltas at ${PACED.rate}/s, event-loop ms lost to gaps over 4 ms by part of the turn`, rows, { rows, root: process.env.CHATML_ROOT ?? "." });
process.exit(0);

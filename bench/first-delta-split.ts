/**
 * Where the first delta's time goes when N sends land together (issue 16's turn start): a ChatML server with its delta
 * trace on (CHATML_DELTA_TRACE), N warm conversations sent a short paced turn at once, ROUNDS times after two to warm.
 * Per conversation and round, on one epoch clock (the bench's, the server's and the replaying CLI's are one machine's):
 * the sends start → the server wrote the prompt to the CLI → the CLI wrote its first delta (the stamp) → the server
 * read that line → handed its frame to the socket → the bench's socket received it; beside them what the server's loop
 * ran before each first delta was handed on (HTTP requests, commits, other frames) and its CPU.
 * `bun bench/first-delta-split.ts [stdio|sdk-url]` (BENCH_ROUNDS, BENCH_CONVERSATIONS; CHATML_ROOT=<checkout>; BENCH_TURN=
 * "stream 1000 200 62" the paced turns of bridge-figures.ts, whose long answers the search index steps through;
 * BENCH_TIMELINE=1 prints the last round's loop from the sends to the median first delta).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { epochMs, openSocket, sendText } from "./support/bridge-client.ts";
import { report, round, startServerProcess, waitIdle, warmConversations } from "./support/bench-server.ts";
import { percentile } from "./support/proc-stats.ts";
import { tempDir } from "../e2e/harness/index.ts";
import type { DeltaTraceDump } from "../server/lib/delta-trace.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const transport = process.argv[2] === "sdk-url" ? "sdk-url" : "stdio";
const traceFile = join(tempDir("chatml-first-delta-split"), "trace.ndjson");
const server = await startServerProcess(transport, { env: { CHATML_DELTA_TRACE: traceFile } });

type First = { id: string; stamp: string; received: number };
/** One turn in every conversation at once; per conversation its first stamped delta and when it arrived, and when its POST was answered. */
async function turn(ids: string[], command: string): Promise<{ sent: number; firsts: First[]; answered: number[] }> {
  const firsts = new Map<string, First>();
  let ended = 0;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const ws = await openSocket(server, ids, (frame) => {
    if (frame.type === "delta" && frame.event.type === "message.part.delta" && !firsts.has(frame.conversationId)) {
      const stamp = /(\d+\.\d+:\d+)\|/.exec(frame.event.delta)?.[1];
      if (stamp) firsts.set(frame.conversationId, { id: frame.conversationId, stamp, received: epochMs() });
    } else if (frame.type === "event" && frame.event.type === "turn.completed" && ++ended === ids.length) finish();
  });
  const sent = epochMs();
  const answered = await Promise.all(ids.map((id) => sendText(server, id, command).then(() => epochMs())));
  await finished;
  ws.close();
  return { sent, firsts: [...firsts.values()], answered };
}

/** BENCH_TIMELINE=1: what the server's loop ran from the sends to the median first delta of the last round, runs of one kind joined. */
function printTimeline(run: { sent: number; firsts: First[] }, trace: DeltaTraceDump): void {
  const at = (t: number) => t - run.sent;
  const median = percentile(run.firsts.map((f) => trace.sends[f.stamp]?.[0] ?? 0), 50);
  const tasks = trace.tasks.filter(([t]) => t >= run.sent - 1 && t <= median + 1).sort((x, y) => x[0] - y[0]);
  let kind = "";
  let from = 0;
  let totals = { count: 0, ms: 0, cpu: 0 };
  const out = () => {
    if (totals.count > 0) console.log(`${at(from).toFixed(1).padStart(6)} ${String(totals.count).padStart(3)}× ${kind.padEnd(50)} ${totals.ms.toFixed(2)} ms ${totals.cpu.toFixed(2)} cpu`);
  };
  for (const [t, what, ms, cpu] of tasks) {
    const next = what.startsWith("prompt") ? "prompt" : what;
    if (next !== kind) {
      out();
      [kind, from, totals] = [next, t, { count: 0, ms: 0, cpu: 0 }];
    }
    totals = { count: totals.count + 1, ms: totals.ms + ms, cpu: totals.cpu + cpu };
  }
  out();
  console.log("first deltas handed on at", run.firsts.map((f) => at(trace.sends[f.stamp]?.[0] ?? 0)).sort((x, y) => x - y).map((d) => d.toFixed(1)).join(" "));
}

async function dump(): Promise<DeltaTraceDump> {
  const before = readLines().length;
  process.kill(server.pid, "SIGUSR2");
  while (readLines().length === before) await Bun.sleep(20);
  return JSON.parse(readLines().at(-1)!) as DeltaTraceDump;
}
const readLines = () => {
  try {
    return readFileSync(traceFile, "utf8").trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

const columns: Record<string, number[]> = {};
const frameKinds = new Map<string, number>();
let handedCount = 0;
const add = (name: string, value: number) => (columns[name] ??= []).push(value);
try {
  const ids = await warmConversations(server, N);
  await dump();
  for (let r = 0; r < ROUNDS + 2; r++) {
    const run = await turn(ids, `${process.env.BENCH_TURN ?? "stream 50 200 0"} ${r % 2 ? "stop-first" : "assistant-first"}`);
    await waitIdle(server, ids);
    const trace = await dump();
    if (r < 2) continue; // the JIT warms (ADR 0199)
    const at = (t: number) => t - run.sent;
    const posts = trace.tasks.filter(([, what]) => what === "http POST /api/conversations/:id/messages").map(([t]) => t);
    add("POST arrivals: first", at(Math.min(...posts)));
    const overlapping = trace.tasks.filter(([t, what, ms]) => what === "commit" && t < run.sent && t + ms > run.sent);
    add("a commit holding the loop at the sends: ms left", overlapping.reduce((most, [t, , ms]) => Math.max(most, t + ms - run.sent), 0));
    add("longest commit in the 0.5 s before the sends", trace.tasks.filter(([t, what]) => what === "commit" && t > run.sent - 500 && t < run.sent).reduce((most, [, , ms]) => Math.max(most, ms), 0));
    add("POST arrivals: last", at(Math.max(...posts)));
    add("POST answered (bench): median", at(percentile(run.answered, 50)));
    if (r === ROUNDS + 1 && process.env.BENCH_TIMELINE) printTimeline(run, trace);
    for (const first of run.firsts) {
      const prompt = trace.tasks.find(([, what]) => what === `prompt ${first.id}`)?.[0] ?? Number.NaN;
      const written = Number(first.stamp.split(":")[0]);
      const read = trace.reads[first.stamp] ?? Number.NaN;
      const handed = trace.sends[first.stamp]?.[0] ?? Number.NaN;
      add("a sends → prompt written", at(prompt));
      add("b prompt → CLI wrote delta", written - prompt);
      add("c CLI wrote → server read", read - written);
      add("d read → frame handed on", handed - read);
      add("e handed → bench received", first.received - handed);
      add("= sends → first delta", at(first.received));
      const before = trace.tasks.filter(([t]) => t >= run.sent && t < handed);
      add("commits before it, on their own (n)", before.filter(([, what]) => what === "commit").length);
      add("commits before it, in CLI chunks (n)", before.filter(([, what]) => what === "↳ commit").length);
      for (const [, what] of before) if (what.startsWith("frame")) frameKinds.set(what, (frameKinds.get(what) ?? 0) + 1);
      handedCount += 1;
      add("commit ms before it", before.filter(([, what]) => what === "commit").reduce((sum, [, , ms]) => sum + ms, 0));
      // A send's or a chunk's commit takes well under 1 ms of CPU; a search-index step of a long answer several
      // (ADR 0181), and so may a commit that checkpoints the write-ahead log.
      const heavy = before.filter(([t, what, , cpu]) => what === "commit" && cpu >= 3 && t > Math.min(...posts));
      add("commits of ≥ 3 ms CPU after the first POST, before it (n)", heavy.length);
      add("their ms", heavy.reduce((sum, [, , ms]) => sum + ms, 0));
      add("other frames before it (n)", before.filter(([, what]) => what.startsWith("frame")).length);
      add("cli chunks before it (n)", before.filter(([, what]) => what === "cli chunk").length);
      const cpu = trace.cpu.filter(([t]) => t >= run.sent && t <= handed);
      if (cpu.length > 1) add("server CPU ms sends → handed (±10 ms)", cpu.at(-1)![1] - cpu[0]![1]);
    }
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const rows = Object.entries(columns).map(([step, values]) => ({ step, p50: round(percentile(values, 50), 1), p90: round(percentile(values, 90), 1), max: round(Math.max(...values), 1), mean: round(mean(values), 1), n: values.length }));
  console.log("frames handed on before a first delta, per first delta:", [...frameKinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${(n / handedCount).toFixed(1)}`).join("; "));
  report(`first delta after ${N} sends at once, split, ${transport}, ${ROUNDS} rounds`, rows, { rows, transport });
} finally {
  await server.stop();
}
process.exit(0);

import { cpuMs, type DeltaTraceDump } from "../../server/lib/delta-trace.ts";
import type { StreamRun } from "./bridge-client.ts";
import { percentile } from "./proc-stats.ts";

/** A time window on the epoch-ms clock every process of the bench shares. */
type Span = [number, number];
/** [epoch ms the gap began, ms, CPU ms]. */
type Gap = [number, number, number];

const median = (values: number[]) => (values.length === 0 ? Number.NaN : percentile(values, 50));
const overlaps = ([from, to]: Span, [start, ms]: Gap) => start < to && start + ms > from;
const sumOf = (gaps: Gap[]) => `${gaps.length}, ${r1(gaps.reduce((sum, [, ms]) => sum + ms, 0))} (CPU ${r1(gaps.reduce((sum, [, , cpu]) => sum + cpu, 0))})`;
const r1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Splits the latency of a turn's top 1 % (CLI wrote → bench client received) by the server's trace: written → read
 * (the line waited in the pipe or socket, or for the server's loop), read → handed to the browser socket (framing,
 * translation, the tick batch), handed → received (the socket, the client's loop). Then, for the server's loop gaps
 * that held a top-1 % delta, what ran in them, and the client's own gaps while a top-1 % delta was on its way to it.
 */
export function attribute(run: StreamRun, trace: DeltaTraceDump, clientGaps: Gap[], sentAt: number): { split: Record<string, string | number>; loop: Record<string, string | number> } {
  const p99 = percentile(run.latencies, 99);
  const top = run.latencies.flatMap((latency, i) => (latency >= p99 ? [i] : []));
  const parts = { pipe: [] as number[], server: [] as number[], client: [] as number[] };
  const sums = { pipe: 0, server: 0, client: 0, total: 0 };
  let backpressured = 0;
  let untraced = 0;
  const serverSpans: Span[] = [];
  const clientSpans: Span[] = [];
  for (const i of top) {
    const written = run.writtenAt[i]!;
    const received = written + run.latencies[i]!;
    const read = trace.reads[run.stamps[i]!];
    const handed = trace.sends[run.stamps[i]!];
    if (read === undefined || handed === undefined) {
      untraced++;
      continue;
    }
    const [sent, , answer] = handed;
    if (answer === -1) backpressured++;
    parts.pipe.push(read - written);
    parts.server.push(sent - read);
    parts.client.push(received - sent);
    sums.pipe += read - written;
    sums.server += sent - read;
    sums.client += received - sent;
    sums.total += received - written;
    serverSpans.push([written, sent]);
    clientSpans.push([sent, received]);
  }
  const heldGaps = trace.gaps.filter((gap) => serverSpans.some((span) => overlaps(span, gap)));
  const clientHeld = clientGaps.filter((gap) => clientSpans.some((span) => overlaps(span, gap)));
  const share = (sum: number) => `${Math.round((100 * sum) / Math.max(1e-9, sums.total))} %`;
  const split = {
    "p99 ms": r1(p99),
    "top 1 %": top.length,
    "in 0–0.25 s": `${Math.round((100 * top.filter((i) => run.writtenAt[i]! - sentAt < 250).length) / Math.max(1, top.length))} %`,
    "when: start / 0.25–1 s / middle / last 0.5 s": whenInTurn(run, top, sentAt),
    "conversations (largest's share)": byConversation(run, top),
    "written→read ms (median)": r1(median(parts.pipe)),
    "read→handed ms": r1(median(parts.server)),
    "handed→received ms": r1(median(parts.client)),
    "share pipe/server/client": `${share(sums.pipe)} / ${share(sums.server)} / ${share(sums.client)}`,
    "backpressured sends": backpressured,
    untraced,
  };
  const loop = {
    "server CPU ms: turn, its 0–0.25 s": `${r1(cpuBetween(trace.cpu, sentAt, Number.POSITIVE_INFINITY))}, ${r1(cpuBetween(trace.cpu, sentAt, sentAt + 250))}`,
    "server gaps holding them: n, ms (CPU ms)": sumOf(heldGaps),
    "what ran in them (wall ms, CPU ms)": describe(heldGaps, trace.tasks),
    "client gaps: n, ms (CPU ms)": sumOf(clientHeld),
  };
  return { split, loop };
}

const percentOf = (count: number, total: number) => `${Math.round((100 * count) / Math.max(1, total))} %`;

/** Where in the turn the top 1 % was written: its first 0.25 s after the sends, to 1 s, the middle, the last 0.5 s. */
function whenInTurn(run: StreamRun, top: number[], sentAt: number): string {
  const lastWritten = Math.max(...run.writtenAt);
  const counts = [0, 0, 0, 0];
  for (const i of top) {
    const since = run.writtenAt[i]! - sentAt;
    counts[since < 250 ? 0 : since < 1000 ? 1 : lastWritten - run.writtenAt[i]! < 500 ? 3 : 2]! += 1;
  }
  return counts.map((count) => percentOf(count, top.length)).join(" / ");
}

/** How many conversations the top 1 % is spread over, and the share of the one with most of it. */
function byConversation(run: StreamRun, top: number[]): string {
  const counts = new Map<string, number>();
  for (const i of top) counts.set(run.conversations[i]!, (counts.get(run.conversations[i]!) ?? 0) + 1);
  return `${counts.size} (${percentOf(Math.max(0, ...counts.values()), top.length)})`;
}

/** CPU ms the process used between two moments, from its samples (the nearest sample at or after each). */
function cpuBetween(samples: [number, number][], from: number, to: number): number {
  const at = (moment: number) => (samples.find(([when]) => when >= moment) ?? samples.at(-1) ?? [0, 0])[1];
  return at(to) - at(from);
}

/** The tasks that started inside `gaps`, by kind: how many, and the ms of those that were timed; the rest is untimed JS. */
function describe(gaps: Gap[], tasks: DeltaTraceDump["tasks"]): string {
  const byKind = new Map<string, { count: number; ms: number; cpu: number }>();
  let timedCpu = 0;
  for (const [at, what, ms, cpu] of tasks) {
    if (!gaps.some(([start, length]) => at >= start && at < start + length)) continue;
    const kind = what.replace(/^(frame event) .*/, "$1").replace(/^(http|answered) (\w+) .*\/([^/]+)$/, "$1 $2 …/$3");
    const entry = byKind.get(kind) ?? { count: 0, ms: 0, cpu: 0 };
    entry.count++;
    entry.ms += ms;
    entry.cpu += cpu;
    if (!what.startsWith("↳")) timedCpu += cpu;
    byKind.set(kind, entry);
  }
  const totalCpu = gaps.reduce((sum, [, , cpu]) => sum + cpu, 0);
  const kinds = [...byKind].sort((a, b) => b[1].cpu - a[1].cpu || b[1].count - a[1].count).slice(0, 7);
  const named = kinds.map(([kind, { count, ms, cpu }]) => `${kind} ×${count}${ms > 0 ? ` ${r1(ms)}, ${r1(cpu)}` : ""}`);
  return [...named, `CPU outside timed tasks ${r1(Math.max(0, totalCpu - timedCpu))}`].join("; ");
}

/** Notes this process's own event-loop gaps over 2 ms (the bench client's), until `stop()`. */
export function watchOwnLoop(): { gaps: Gap[]; stop: () => void } {
  const gaps: Gap[] = [];
  let last = performance.now();
  let lastCpu = cpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuMs();
    if (now - last > 2) gaps.push([performance.timeOrigin + last, now - last, cpu - lastCpu]);
    last = now;
    lastCpu = cpu;
  }, 1);
  return { gaps, stop: () => clearInterval(timer) };
}

import { appendFileSync } from "node:fs";

/**
 * Issue 16's paced-tail attribution (`bench/paced-attribution.ts`): off unless `CHATML_DELTA_TRACE` names a file, and
 * then `deltaTrace` is null, so every hook costs one null check. On, it notes per replaying-CLI stamp
 * (`<epoch ms>:<n>|`, see replay-cli.ts) when the server read the CLI line holding it and when it handed the delta frame
 * to a browser socket (with the socket's buffered bytes before and `ws.send`'s answer: -1 is backpressure), what the
 * event loop ran (CLI chunks, commits, HTTP requests, spawns, other frames) and every event-loop gap over 2 ms.
 * On SIGUSR2 it appends all of it as one JSON line to the file and starts afresh.
 */
export type DeltaTraceDump = {
  /** stamp → epoch ms the server read the CLI line that carried it. */
  reads: Record<string, number>;
  /** stamp → [epoch ms handed to the socket, buffered bytes before, ws.send's answer]. */
  sends: Record<string, [number, number, number]>;
  /**
   * [epoch ms started, what, ms it held the loop (0: a point in time), CPU ms the process used meanwhile]; a task run
   * inside another (a commit inside a CLI chunk's handling) is named `↳ what`, and its time is in its parent's too.
   */
  tasks: [number, string, number, number][];
  /**
   * [epoch ms the gap began, ms, CPU ms]: the event loop did not come round for longer than LONG_TASK_MS. CPU well
   * under the gap's ms means the process waited for the machine (another process had the cores), not for its own work.
   */
  gaps: [number, number, number][];
  /** [epoch ms, the process's CPU ms so far], every ~10 ms: the CPU any window of a turn took, busy or not. */
  cpu: [number, number][];
};

/** A gap longer than this is a long task. */
export const LONG_TASK_MS = 2;
const STAMP = /(\d+\.\d+:\d+)\|/g;
const epochMs = () => performance.timeOrigin + performance.now();
/** This process's CPU time so far (user and system, every thread), in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class DeltaTrace {
  private reads = new Map<string, number>();
  private sends = new Map<string, [number, number, number]>();
  private tasks: [number, string, number, number][] = [];
  private gaps: [number, number, number][] = [];
  private cpu: [number, number][] = [];
  private depth = 0;

  constructor(private readonly file: string) {}

  /** A CLI line was read; the first read of a stamp counts (the `assistant` line repeats them all). */
  read(line: string): void {
    if (!line.includes("text_delta")) return;
    const at = epochMs();
    for (const match of line.matchAll(STAMP)) if (!this.reads.has(match[1]!)) this.reads.set(match[1]!, at);
  }

  /** A frame was handed to a browser socket: a delta frame's stamps are noted, any other frame as a task. */
  sent(text: string, bufferedBefore: number, answer: number): void {
    const at = epochMs();
    // A ChatML delta frame, or a raw CLI delta line (the bench's bare relay).
    if (!text.startsWith('{"type":"delta"') && !text.includes('"text_delta"')) {
      const type = /^\{"type":"([^"]+)"/.exec(text)?.[1] ?? "?";
      const event = /"event":\{"type":"([^"]+)"/.exec(text)?.[1] ?? /"change":\{"kind":"([^"]+)"/.exec(text)?.[1];
      this.tasks.push([at, `frame ${type}${event ? ` ${event}` : ""}`, 0, 0]);
      return;
    }
    for (const match of text.matchAll(STAMP)) if (!this.sends.has(match[1]!)) this.sends.set(match[1]!, [at, bufferedBefore, answer]);
  }

  /** Runs `fn`, noting how long it held the loop and the CPU it took. */
  time<T>(what: string, fn: () => T): T {
    const name = this.depth++ > 0 ? `↳ ${what}` : what;
    const started = epochMs();
    const startedCpu = cpuMs();
    try {
      return fn();
    } finally {
      this.depth--;
      this.tasks.push([started, name, epochMs() - started, cpuMs() - startedCpu]);
    }
  }

  /** Notes a moment (an HTTP request arriving, a spawn). */
  mark(what: string): void {
    this.tasks.push([epochMs(), what, 0, 0]);
  }

  /** Notes every event-loop gap over LONG_TASK_MS until the answer is called (a 1 ms timer that keeps no process alive). */
  watchLoop(): () => void {
    let last = performance.now();
    let lastCpu = cpuMs();
    const timer = setInterval(() => {
      const now = performance.now();
      const cpu = cpuMs();
      if (now - last > LONG_TASK_MS) this.gaps.push([performance.timeOrigin + last, now - last, cpu - lastCpu]);
      const at = performance.timeOrigin + now;
      if (at - (this.cpu.at(-1)?.[0] ?? 0) >= 10) this.cpu.push([at, cpu]);
      last = now;
      lastCpu = cpu;
    }, 1).unref();
    return () => clearInterval(timer);
  }

  /** Appends everything noted so far to the file as one JSON line and forgets it. */
  dump(): void {
    const dump: DeltaTraceDump = { reads: Object.fromEntries(this.reads), sends: Object.fromEntries(this.sends), tasks: this.tasks, gaps: this.gaps, cpu: this.cpu };
    appendFileSync(this.file, `${JSON.stringify(dump)}\n`);
    this.reads.clear();
    this.sends.clear();
    this.tasks = [];
    this.gaps = [];
    this.cpu = [];
  }
}

function startDeltaTrace(file: string): DeltaTrace {
  const trace = new DeltaTrace(file);
  trace.watchLoop();
  process.on("SIGUSR2", () => trace.dump());
  return trace;
}

/** The process's trace: null unless CHATML_DELTA_TRACE names the file to write to. */
export const deltaTrace: DeltaTrace | null = process.env.CHATML_DELTA_TRACE ? startDeltaTrace(process.env.CHATML_DELTA_TRACE) : null;

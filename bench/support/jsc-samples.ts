/**
 * Preloaded into a server (`bun --preload bench/support/jsc-samples.ts …`, with JSC_SAMPLES_ON=1): JavaScriptCore's
 * sampling profiler runs from the start. It samples only while JavaScript (or a host function it called: SQLite, a
 * socket's send) runs, so idle time is not charged to anything (Bun's --cpu-prof charges it to the last frame run).
 * SIGUSR1 marks a window's start; SIGUSR2 writes `JSC_SAMPLES {…}`: per function, the samples in the first
 * JSC_SAMPLES_WINDOW_MS (250) of each marked window, self (top frame) and total (anywhere on the stack).
 */
import { writeFileSync } from "node:fs";
import * as jsc from "bun:jsc";

export const JSC_SAMPLES = "JSC_SAMPLES";

/** What the SIGUSR2 report holds: per function name (`name file:line`), samples in the marked windows, most first. */
export type SampleReport = { samples: number; windows: number; self: [string, number][]; total: [string, number][] };

/** What a server process is started with to be sampled (`stacksFile`: every windowed stack is written there too). */
export const JSC_SAMPLES_PRELOAD = (stacksFile?: string) => ({
  bunArgs: ["--preload", import.meta.path],
  env: { JSC_SAMPLES_ON: "1", ...(stacksFile ? { JSC_SAMPLES_FILE: stacksFile } : {}) },
});

type Trace = { timestamp: number; frames: { name: string; sourceURL?: string; line: number }[] };
// Bun 1.4.5 has it; its types do not name it yet.
const samplingProfilerStackTraces = (jsc as unknown as { samplingProfilerStackTraces: () => { traces: Trace[] } }).samplingProfilerStackTraces;
const startSamplingProfiler = jsc.startSamplingProfiler;

if (process.env.JSC_SAMPLES_ON === "1") {
  const windowSeconds = Number(process.env.JSC_SAMPLES_WINDOW_MS ?? 250) / 1000;
  const marks: number[] = [];
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let samples = 0;
  const stacks: string[][] = [];
  startSamplingProfiler();
  const monotonicOffset = calibrate();
  const take = () => {
    const { traces } = samplingProfilerStackTraces();
    for (const trace of traces) {
      if (!marks.some((mark) => trace.timestamp >= mark && trace.timestamp < mark + windowSeconds)) continue;
      samples += 1;
      const names = trace.frames.map((f) => `${f.name || "(anonymous)"} ${(f.sourceURL ?? "").split("/").slice(-2).join("/")}:${f.line === 4294967295 ? "?" : f.line}`);
      stacks.push(names);
      if (names[0]) self.set(names[0], (self.get(names[0]) ?? 0) + 1);
      for (const name of new Set(names)) total.set(name, (total.get(name) ?? 0) + 1);
    }
  };
  process.on("SIGUSR1", () => {
    take();
    marks.push(Number(process.hrtime.bigint()) / 1e9 + monotonicOffset);
  });
  process.on("SIGUSR2", () => {
    take();
    if (process.env.JSC_SAMPLES_FILE) writeFileSync(process.env.JSC_SAMPLES_FILE, JSON.stringify(stacks));
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 60);
    process.stderr.write(`${JSC_SAMPLES} ${JSON.stringify({ samples, windows: marks.length, self: top(self), total: top(total) })}\n`);
  });
}

/** The samples' clock (CLOCK_MONOTONIC, seconds) less `process.hrtime`'s (from this process's start): spin until sampled. */
function calibrate(): number {
  const until = Number(process.hrtime.bigint()) / 1e9 + 0.02;
  while (Number(process.hrtime.bigint()) / 1e9 < until);
  const last = (samplingProfilerStackTraces()).traces.at(-1);
  return last ? last.timestamp - Number(process.hrtime.bigint()) / 1e9 : 0;
}

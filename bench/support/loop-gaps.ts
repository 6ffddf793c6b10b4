/**
 * Preloaded into a server (`bun --preload bench/support/loop-gaps.ts …`): a 1 ms timer notes every event-loop gap
 * longer than GAP_MS (when it began, epoch ms, and how long it was), and every ~10 ms the process's CPU so far. On
 * SIGUSR2 the gaps and CPU readings so far are written to stderr as one `LOOP_GAPS [[at, ms], …]` and one
 * `LOOP_CPU [[at, cpu µs], …]` line and forgotten. Used by paced-stalls.ts to show where in a turn the loop stalls and
 * what the server spent at a turn's start and end.
 */
export const LOOP_GAPS = "LOOP_GAPS";
export const LOOP_CPU = "LOOP_CPU";
const GAP_MS = 4;
const CPU_EVERY_MS = 10;

/** What a server process is started with to note its gaps (the env var keeps a plain import of this file inert). */
export const LOOP_GAPS_PRELOAD = { bunArgs: ["--preload", import.meta.path], env: { LOOP_GAPS_ON: "1" } };

if (process.env.LOOP_GAPS_ON === "1") {
  const gaps: [number, number][] = [];
  const cpu: [number, number][] = [];
  let last = performance.now();
  let lastCpuAt = 0;
  setInterval(() => {
    const now = performance.now();
    if (now - last > GAP_MS) gaps.push([Math.round(performance.timeOrigin + last), Math.round((now - last) * 10) / 10]);
    last = now;
    if (now - lastCpuAt < CPU_EVERY_MS) return;
    lastCpuAt = now;
    const { user, system } = process.cpuUsage();
    cpu.push([Math.round(performance.timeOrigin + now), user + system]);
  }, 1);
  process.on("SIGUSR2", () => {
    process.stderr.write(`${LOOP_GAPS} ${JSON.stringify(gaps)}\n${LOOP_CPU} ${JSON.stringify(cpu)}\n`);
    gaps.length = 0;
    cpu.length = 0;
  });
}

/** The gaps in the last `LOOP_GAPS` line of `stderr` (none: []). */
export function lastGaps(stderr: string): [number, number][] {
  return lastLine(stderr, LOOP_GAPS);
}

/** The CPU readings (epoch ms, CPU µs since the process started) in the last `LOOP_CPU` line of `stderr`. */
export function lastCpu(stderr: string): [number, number][] {
  return lastLine(stderr, LOOP_CPU);
}

/**
 * CPU ms the process used between two epoch ms, from the readings nearest each end (at most one reading's 10 ms
 * either side: a loop gap delays the reading, not the count).
 */
export function cpuMsBetween(readings: [number, number][], from: number, to: number): number {
  const at = (t: number) => readings.find(([when]) => when >= t)?.[1] ?? readings.at(-1)?.[1] ?? 0;
  return (at(to) - at(from)) / 1000;
}

function lastLine(stderr: string, tag: string): [number, number][] {
  const line = stderr.split("\n").filter((l) => l.startsWith(`${tag} `)).at(-1);
  return line ? (JSON.parse(line.slice(tag.length + 1)) as [number, number][]) : [];
}

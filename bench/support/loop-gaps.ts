/**
 * Preloaded into a server (`bun --preload bench/support/loop-gaps.ts …`): a 1 ms timer notes every event-loop gap
 * longer than GAP_MS (when it began, epoch ms, and how long it was). On SIGUSR2 the gaps so far are written to stderr
 * as one `LOOP_GAPS [[at, ms], …]` line and forgotten. Used by paced-stalls.ts to show where in a turn the loop stalls.
 */
export const LOOP_GAPS = "LOOP_GAPS";
const GAP_MS = 4;

/** What a server process is started with to note its gaps (the env var keeps a plain import of this file inert). */
export const LOOP_GAPS_PRELOAD = { bunArgs: ["--preload", import.meta.path], env: { LOOP_GAPS_ON: "1" } };

if (process.env.LOOP_GAPS_ON === "1") {
  const gaps: [number, number][] = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > GAP_MS) gaps.push([Math.round(performance.timeOrigin + last), Math.round((now - last) * 10) / 10]);
    last = now;
  }, 1);
  process.on("SIGUSR2", () => {
    process.stderr.write(`${LOOP_GAPS} ${JSON.stringify(gaps)}\n`);
    gaps.length = 0;
  });
}

/** The gaps in the last `LOOP_GAPS` line of `stderr` (none: []). */
export function lastGaps(stderr: string): [number, number][] {
  const line = stderr.split("\n").filter((l) => l.startsWith(LOOP_GAPS)).at(-1);
  return line ? (JSON.parse(line.slice(LOOP_GAPS.length + 1)) as [number, number][]) : [];
}

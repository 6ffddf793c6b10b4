/**
 * What a CLI's exit costs the event loop while it looks for what the launch left (its tagged processes, two /proc scans
 * per exit): twenty exits at once (a turn's title one-shots ending together), the scans read on the loop
 * (`stopTagged`, as before) or off it (`stopTaggedOffLoop`), beside a floor with no scan. Printed: the loop's longest
 * gap while the exits are handled, and the processes on the machine (each scan reads every one's environment).
 * `bun bench/exit-scan.ts` (BENCH_RUNS=N, default 5).
 */
import { newProcessTag, stopTagged, stopTaggedOffLoop } from "../server/lib/process-group.ts";

const EXITS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The longest gap between loop turns (a 1 ms interval's late ticks) while `work` runs, in ms. */
async function longestGap(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await Bun.sleep(20);
  longest = 0;
  last = performance.now();
  await work();
  await Bun.sleep(5);
  clearInterval(ticker);
  return longest;
}

/** Each exit scans twice, as the CLI child's exit does; all exits start in the same loop turn. */
const exits = (scan: (tag: string) => unknown) => () =>
  Promise.all(Array.from({ length: EXITS }, async () => {
    const tag = newProcessTag();
    await scan(tag);
    await Bun.sleep(0);
    await scan(tag);
  }));

const processes = [...new Bun.Glob("[0-9]*").scanSync({ cwd: "/proc", onlyFiles: false })].length;
const rows: Record<string, number[]> = { floor: [], "on the loop": [], "off the loop": [] };
for (let run = 0; run < RUNS; run++) {
  rows.floor!.push(await longestGap(exits(() => undefined)));
  rows["on the loop"]!.push(await longestGap(exits(stopTagged)));
  rows["off the loop"]!.push(await longestGap(exits(stopTaggedOffLoop)));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${EXITS} CLI exits at once, ${processes} processes on the machine, ${RUNS} runs; the loop's longest gap (median, ms):`);
for (const [name, gaps] of Object.entries(rows)) {
  console.log(`  ${name.padEnd(13)} ${median(gaps).toFixed(1).padStart(7)}   (${(median(gaps) / median(rows.floor!)).toFixed(1)} × floor; runs ${gaps.map((g) => g.toFixed(1)).join(", ")})`);
}

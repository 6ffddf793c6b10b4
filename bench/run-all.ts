/**
 * Runs every benchmark one after the other (`bun run bench`), prints their tables, and writes the collected JSON
 * with the machine to bench/results/latest.json. Not part of the test suite. Needs `bunx vite build` for the bundle.
 * The large-conversation benchmark (bench/large-conversation*) runs too when present.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { machine } from "./support/proc-stats.ts";

const HERE = import.meta.dirname;
const SCRIPTS = ["web-bundle.ts", "persistence.ts", "bridge-latency.ts", "bridge-figures.ts", "throughput.ts", "startup.ts", "startup-steps.ts", "startup-memory.ts", "runtime-floor.ts", "conversation-footprint.ts", "workbench.ts"];
const large = readdirSync(HERE).filter((name) => name.startsWith("large-conversation") && name.endsWith(".ts"));
const largeDir = join(HERE, "large-conversation", "run.ts");
const all = [...SCRIPTS, ...large, ...(existsSync(largeDir) ? ["large-conversation/run.ts"] : [])];

const results: unknown[] = [];
let failures = 0;
for (const script of all) {
  console.log(`\n=== ${script}`);
  const proc = Bun.spawn([process.execPath, join(HERE, script)], { stdout: "pipe", stderr: "inherit" });
  const output = await new Response(proc.stdout).text();
  process.stdout.write(output);
  if ((await proc.exited) !== 0) failures += 1;
  for (const line of output.split("\n")) if (line.startsWith("BENCH_JSON ")) results.push(JSON.parse(line.slice("BENCH_JSON ".length)));
}
mkdirSync(join(HERE, "results"), { recursive: true });
const file = join(HERE, "results", "latest.json");
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), results }, null, 2)}\n`);
console.log(`\nwrote ${file}${failures ? `; ${failures} benchmark(s) failed` : ""}`);
process.exit(failures ? 1 : 0);

// Prints the digests of the end-to-end failures written since a time (epoch seconds), after a failed e2e run: CI keeps
// only the tail of the output, and this puts on it which screen each failed wait stood on (failure-digest.ts).
// Usage: bun scripts/show-e2e-failures.ts <since-epoch-seconds>
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { failureDigest } from "../e2e/harness/failure-digest.ts";

/** Enough for the first few failures; the rest are named by count, their artifacts beside the first ones. */
const SHOWN = 3;
const dir = join(import.meta.dir, "..", ".artifacts", "e2e-failures");
const sinceMs = Number(process.argv[2] ?? 0) * 1000;

let artifacts: { path: string; at: number }[] = [];
try {
  artifacts = readdirSync(dir)
    .filter((name) => name.endsWith(".txt"))
    .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
    .filter((artifact) => artifact.at >= sinceMs)
    .sort((a, b) => a.at - b.at);
} catch (error) {
  console.log(`(no failure artifacts to show: ${String(error)})`);
}
if (artifacts.length > 0) {
  console.log(`\n== the end-to-end failures, in brief (all of each in .artifacts/e2e-failures/) ==`);
  for (const artifact of artifacts.slice(0, SHOWN)) console.log(`\n${failureDigest(readFileSync(artifact.path, "utf8"))}`);
  if (artifacts.length > SHOWN) console.log(`\n…and ${artifacts.length - SHOWN} more.`);
}

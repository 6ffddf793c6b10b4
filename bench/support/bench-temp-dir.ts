/**
 * Imported by every benchmark before it makes anything: the run gets one temp folder, and everything it and the
 * processes it starts make under the system temp dir lands in it (TMPDIR is inherited), removed when the run ends.
 * Left behind, they slowed the very starts the benches measure: 8,174 of them in /tmp made every start from there
 * (the floor's script, the packed package, a compared archive) 7–13 ms slower, because Bun's resolver reads the
 * entries of each directory above what it loads (docs/performance.md, 2026-12-06). The test suite does the same
 * (scripts/test-temp-dir.ts). CHATML_KEEP_BENCH_TMP=1 keeps the folder for a post-mortem.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runDir = mkdtempSync(join(tmpdir(), "chatml-bench-run-"));
process.env.TMPDIR = runDir;

process.on("exit", () => {
  if (process.env.CHATML_KEEP_BENCH_TMP) console.error(`bench temp files kept in ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
});
// Stopped from the terminal, a bench still removes its folder (an exit handler does not run on a signal by itself).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

/**
 * Vitest setup file of the e2e suite: the folders a test file made with `tempDir` (its servers' data dirs, the CLIs'
 * homes, session folders) are removed once the file is done and its stacks stopped. The run's own temp folder
 * (scripts/test-temp-dir.ts) only goes at the end of the whole run, so a run of every file held every file's data dirs
 * until then, and a run that was stopped (a timeout, Ctrl-C) left them all in the system temp dir.
 *
 * A file with a failure keeps them, as its failure artifact keeps its pages (failure-artifacts.ts): its server's
 * database and logs tell what the pages cannot. They are named on the output, and go with the run's temp folder
 * unless CHATML_KEEP_TEST_TMP=1 keeps it.
 */
import { rmSync } from "node:fs";
import { aroundAll, type RunnerTask, type RunnerTestFile } from "vitest";
import { madeTempDirs } from "./env.ts";

// A worker runs file after file and keeps the harness's modules (`isolate: false`, ADR 0214): this setup file runs
// again before each one, and what the previous file made is its own to remove, not this one's.
madeTempDirs.length = 0;

/** Whether a test of the file, or a hook of it or of one of its `describe`s, failed. */
function hasFailure(task: RunnerTask): boolean {
  if (task.result?.state === "fail" || (task.result?.errors?.length ?? 0) > 0) return true;
  return task.type === "suite" && task.tasks.some(hasFailure);
}

// Around the whole file: its own afterAll hooks (which stop its servers, which hold these folders open) have run once
// runSuite() is done.
// eslint-disable-next-line no-empty-pattern -- Vitest reads which fixtures a hook wants from this pattern: none here
aroundAll(async (runSuite, {}, file) => {
  await runSuite();
  const made = madeTempDirs.splice(0);
  if (hasFailure(file as RunnerTestFile)) {
    if (made.length > 0) console.warn(`[e2e] ${(file as RunnerTestFile).name} failed: its temp folders are kept:\n  ${made.join("\n  ")}`);
    return;
  }
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

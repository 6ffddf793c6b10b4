/**
 * Vitest setup file of the e2e suite: when a test fails, or a `beforeAll`/`afterAll` hook of its file or of a
 * `describe` in it, what it said and what the ChatML servers of its file printed are kept in
 * `.artifacts/e2e-failures/<file> -- <test>.txt` (`<file> -- hooks of <describe>.txt` for a hook). A failure that
 * happens once in many runs can then be read after the fact, whichever reporter the run used (a failure seen only on a
 * terminal that scrolled away is lost). `CHATML_E2E_FAILURES_DIR` puts them elsewhere (the test of this file does).
 *
 * The first error comes first and says so: what failed later (a hook, an afterEach screenshot) is often a consequence
 * of it. After the servers' output comes what the file registered with `keepOnFailure`: every fake API's last
 * requests, and the screens of the terminals a test opened. Last come the pages the file's browsers still had open:
 * each one's URL and visible text, and its screenshot beside the text file (`<file> -- <test>.page-<n>.png`), which
 * shows what the user would have seen when a wait for something on the page ran out. A test whose afterEach or
 * `finally` closes its pages has them captured before (keepPagesOfFailure, ADR 0280), and those are the ones shown.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { aroundAll, aroundEach, type RunnerTask, type RunnerTestSuite, type TestError } from "vitest";
import { launchedBrowsers } from "./browser.ts";
import { startedServers } from "./chatml.ts";
import { failureArtifactBase, pagesOfFailure } from "./failure-artifacts-pages.ts";
import { forgetFailureContexts, readFailureContexts } from "./failure-context.ts";

// A worker runs file after file and keeps the harness's modules (`isolate: false`, ADR 0214); this setup file runs
// again before each one, so the servers and contexts the previous file registered are forgotten here: a failure's
// artifact shows its own file's servers, browsers and fake APIs only.
startedServers.length = 0;
launchedBrowsers.length = 0;
forgetFailureContexts();

/** The errors in the order they were thrown, the first one named as such. */
function describeErrors(errors: readonly TestError[]): string[] {
  return errors.map((error, index) => {
    const heading = index === 0 ? "--- the first error ---" : `--- error ${index + 1} of ${errors.length} (after the first) ---`;
    return [heading, error.message, error.diff, error.stack].filter(Boolean).join("\n");
  });
}

async function writeFailure(task: RunnerTask, title: string, errors: readonly TestError[]): Promise<void> {
  const servers = startedServers.map((server) => `--- chatml on port ${server.port} printed ---\n${server.output()}`);
  const base = failureArtifactBase(task, title);
  mkdirSync(dirname(base), { recursive: true });
  const [contexts, pages] = await Promise.all([readFailureContexts(), pagesOfFailure(task, title)]);
  const text = [`${task.file.name} > ${title}`, ...describeErrors(errors), ...servers, ...contexts, ...(pages ? [pages] : [])].join("\n\n");
  writeFileSync(`${base}.txt`, stripVTControlCharacters(text));
}

/** The suites of a file, the file first: a suite's own errors are its hooks' (a test's are the test's). */
function suitesOf(suite: RunnerTestSuite): RunnerTestSuite[] {
  return [suite, ...suite.tasks.flatMap((task) => (task.type === "suite" ? suitesOf(task) : []))];
}

// Around each test rather than after it: an afterEach hook that throws (a failure screenshot that timed out) skips the
// afterEach hooks registered before it, this file's among them, and the artifact was not written.
aroundEach(async (runTest, { task }) => {
  await runTest();
  if (task.result?.state === "fail") await writeFailure(task, task.name, task.result.errors ?? []);
});

// Wrapped around the whole file: a failed beforeAll or afterAll hook leaves its error on its suite (no test fails:
// the tests after a failed beforeAll are skipped), and the file's own afterAll hooks have all run once runSuite() is
// done — a plain afterAll here would not run after one of theirs failed.
// eslint-disable-next-line no-empty-pattern -- Vitest reads which fixtures a hook wants from this pattern: none here
aroundAll(async (runSuite, {}, file) => {
  await runSuite();
  for (const suite of suitesOf(file as RunnerTestSuite)) {
    const errors = suite.result?.errors ?? [];
    if (errors.length > 0) await writeFailure(suite, `hooks of ${suite === file ? "the file" : suite.name}`, errors);
  }
});

/**
 * Vitest global setup: every test run gets one temp folder, and everything the tests and the processes they start
 * make under the system temp dir lands in it (TMPDIR is inherited), so a run leaves nothing behind, even when a test
 * forgets to clean up or a child process is killed. CHATML_KEEP_TEST_TMP=1 keeps it for a post-mortem.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "chatml-test-run-"));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.CHATML_KEEP_TEST_TMP) console.log(`test temp files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}

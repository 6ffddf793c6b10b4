import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git } from "./git.ts";

/**
 * A fresh repository in a temp dir with one commit on `main` (and a `.env` file ignored by git). For tests only.
 * A copy of one made the first time (per test worker): making each anew took five git processes (~370 ms of a loaded
 * machine). Its index is refreshed for the copied files, as a new repository's is fresh, so no later git command of a
 * test finds it stale and rewrites it.
 */
export async function makeTempRepo(prefix = "chatml-repo-"): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(await templateRepo(), dir, { recursive: true });
  await git(dir, ["update-index", "-q", "--refresh"]);
  return dir;
}

let template: Promise<string> | undefined;

/** The repository makeTempRepo copies, made once: its temp dir goes with the test run's (scripts/test-temp-dir.ts). */
function templateRepo(): Promise<string> {
  template ??= initRepo(mkdtempSync(join(tmpdir(), "chatml-repo-template-")));
  return template;
}

async function initRepo(dir: string): Promise<string> {
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  await git(dir, ["config", "user.email", "test@example.com"]);
  await git(dir, ["config", "user.name", "Test User"]);
  // No automatic housekeeping in the copies: after a fetch, commit or merge git starts `git maintenance run --auto`,
  // a process that finds nothing to do in a repository this small (96 of them in the three git-heaviest test files).
  await git(dir, ["config", "maintenance.auto", "false"]);
  writeFileSync(join(dir, "README.md"), "# test\n");
  writeFileSync(join(dir, ".gitignore"), ".env\n");
  writeFileSync(join(dir, ".env"), "SECRET=1\n");
  await git(dir, ["add", "README.md", ".gitignore"]);
  await git(dir, ["commit", "--quiet", "-m", "first"]);
  return dir;
}

/**
 * Commits a file in a work tree. With the test identity given on the command line: a clone made inside a test (a
 * submodule's) has no config of its own, and a scratch `HOME` has no global one.
 */
export async function commitFile(cwd: string, name: string, text: string): Promise<void> {
  writeFileSync(join(cwd, name), text);
  await git(cwd, ["add", name]);
  await git(cwd, ["-c", "user.email=test@example.com", "-c", "user.name=Test User", "commit", "--quiet", "-m", `add ${name}`]);
}

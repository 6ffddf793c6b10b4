import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { withRepoLock } from "./repo-lock.ts";
import { noFetchHeadFlags, runGit } from "./git.ts";
import { branchExists, resolveRef } from "./refs.ts";

/** The top folder of the repository `path` is in, or null when it is not inside a git work tree. */
export async function repoRoot(path: string): Promise<string | null> {
  const result = await runGit(path, ["rev-parse", "--show-toplevel"]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** The absolute git dir of a work tree (for a linked worktree: `<repo>/.git/worktrees/<name>`), or null. */
export async function gitDirOf(cwd: string): Promise<string | null> {
  const result = await runGit(cwd, ["rev-parse", "--absolute-git-dir"]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/**
 * The git dir of the repository whose top folder `cwd` is, or null: a folder merely inside some other repository (a
 * monorepo's package, a home folder kept in a dotfiles repository) is a plain folder to ChatML, as it is when added as
 * a workspace (ADR 0065).
 */
export async function topGitDirOf(cwd: string): Promise<string | null> {
  const result = await runGit(cwd, ["rev-parse", "--absolute-git-dir", "--show-toplevel"]);
  const [gitDir, top] = result.stdout.trim().split("\n");
  if (result.code !== 0 || !gitDir || !top) return null;
  return realpathSync(top) === realpathSync(resolve(cwd)) ? gitDir : null;
}

/** The checked-out branch, or null when HEAD is detached (or there is no repository). */
export async function currentBranch(cwd: string): Promise<string | null> {
  const result = await runGit(cwd, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** Whether the repository has a remote called origin. */
export async function hasOrigin(cwd: string): Promise<boolean> {
  return (await runGit(cwd, ["remote", "get-url", "origin"])).code === 0;
}

/** The base branch new sessions start from: origin's HEAD, else main/master/develop/trunk, else the current branch. */
export async function detectDefaultBranch(cwd: string): Promise<string | null> {
  const originHead = await runGit(cwd, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (originHead.code === 0) {
    const name = originHead.stdout.trim().replace(/^origin\//, "");
    if (name && (await branchExists(cwd, name))) return name;
  }
  for (const name of ["main", "master", "develop", "trunk"]) {
    if (await branchExists(cwd, name)) return name;
  }
  return currentBranch(cwd);
}

/** Fetches `branch` from origin, leaving FETCH_HEAD alone; answers git's error text on failure (offline is normal, not fatal). */
export async function fetchBranch(cwd: string, branch: string, signal?: AbortSignal): Promise<string | null> {
  const flags = await noFetchHeadFlags();
  const result = await withRepoLock(cwd, () => runGit(cwd, ["fetch", ...flags, "--quiet", "origin", branch], { timeoutMs: 30_000, signal }));
  return result.code === 0 ? null : result.stderr.trim().split(/\r?\n/)[0] || `exit code ${result.code}`;
}

/** How many commits local `branch` lacks from `origin/branch` (0 when there is no such remote branch). */
export async function behindRemote(cwd: string, branch: string): Promise<number> {
  if (!(await resolveRef(cwd, `refs/remotes/origin/${branch}`))) return 0;
  const result = await runGit(cwd, ["rev-list", "--count", `refs/heads/${branch}..refs/remotes/origin/${branch}`]);
  return result.code === 0 ? Number(result.stdout.trim()) || 0 : 0;
}

/** A value from git config (e.g. `github.user`), or null. */
export async function configValue(cwd: string, key: string): Promise<string | null> {
  const result = await runGit(cwd, ["config", "--get", key]);
  return result.code === 0 && result.stdout.trim() ? result.stdout.trim() : null;
}

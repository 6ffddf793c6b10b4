import { AppError } from "../../shared/protocol/errors.ts";
import { git, gitError, runGit } from "./git.ts";
import { withRepoLock } from "./repo-lock.ts";

/** Makes a worktree at `path` on a new branch `branch` starting at `base`. */
export async function addWorktreeNewBranch(repo: string, path: string, branch: string, base: string): Promise<void> {
  const args = ["worktree", "add", "-b", branch, "--", path, base];
  const result = await withRepoLock(repo, () => runGit(repo, args));
  if (result.code !== 0) throw gitError(args, result, "conflict");
}

/** Makes a local branch `branch` tracking `origin/<branch>` (a base that was only on origin). */
export async function trackOriginBranch(repo: string, branch: string): Promise<void> {
  const args = ["branch", "--track", branch, `refs/remotes/origin/${branch}`];
  const result = await withRepoLock(repo, () => runGit(repo, args));
  if (result.code !== 0) throw gitError(args, result, "conflict");
}

/** Makes a worktree at `path` on the existing branch `branch` (refused by git when it is checked out elsewhere). */
export async function addWorktreeExistingBranch(repo: string, path: string, branch: string): Promise<void> {
  const args = ["worktree", "add", "--", path, branch];
  const result = await withRepoLock(repo, () => runGit(repo, args));
  if (result.code !== 0) throw gitError(args, result, "conflict");
}

/** Removes a worktree; `force` also drops uncommitted changes. A folder already deleted by hand is just pruned. */
export async function removeWorktree(repo: string, path: string, force: boolean): Promise<void> {
  const args = ["worktree", "remove", ...(force ? ["--force", "--force"] : []), "--", path];
  await withRepoLock(repo, async () => {
    const result = await runGit(repo, args);
    if (result.code !== 0 && !/is not a working tree|No such file|does not exist/i.test(result.stderr)) {
      throw gitError(args, result, "conflict");
    }
    await git(repo, ["worktree", "prune"]);
  });
}

/** After the repository itself moved: re-links its worktrees (theirs point at its old `.git`) from the new place. */
export async function repairWorktrees(repo: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const args = ["worktree", "repair", "--", ...paths];
  const result = await withRepoLock(repo, () => runGit(repo, args));
  if (result.code !== 0) throw gitError(args, result, "conflict");
}

/** Deletes a local branch; without `force` git refuses an unmerged one. */
export async function deleteBranch(repo: string, branch: string, force: boolean): Promise<void> {
  const args = ["branch", force ? "-D" : "-d", "--", branch];
  const result = await withRepoLock(repo, () => runGit(repo, args));
  if (result.code !== 0) throw gitError(args, result, "conflict");
}

/** Paths with uncommitted changes (staged, unstaged or untracked) in a work tree. */
export async function uncommittedPaths(cwd: string): Promise<string[]> {
  const result = await runGit(cwd, ["status", "--porcelain=v1", "-z", "--untracked-files=normal"]);
  if (result.code !== 0) throw new AppError("conflict", `Cannot read the status of ${cwd}: ${result.stderr.trim()}`);
  return result.stdout.split("\0").filter(Boolean).map((entry) => entry.slice(3));
}

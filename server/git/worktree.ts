import { existsSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../shared/protocol/errors.ts";
import { git, gitError, runGit } from "./git.ts";
import { branchExists } from "./refs.ts";
import { withRepoLock } from "./repo-lock.ts";

/**
 * A worktree's checkout may take this long: a large repository on a slow disk, or git-lfs's filter downloading the
 * files it tracks during the checkout, takes minutes (it was cut off at runGit's default minute, leaving half a
 * worktree that passed for a usable one).
 */
const WORKTREE_TIMEOUT_MS = 30 * 60_000;

/** Options of a worktree's checkout: its time limit, and a signal that stops it (the session is being deleted). */
export type WorktreeOptions = { timeoutMs?: number; signal?: AbortSignal };

/**
 * Makes a worktree at `path` on a new branch `branch` starting at `base`. Answers the repository's post-checkout hook's
 * complaint when only that failed (see {@link addWorktree}). When the checkout itself fails, git removes the worktree
 * but keeps the new branch: it goes too, so nothing of the attempt is left.
 */
export async function addWorktreeNewBranch(repo: string, path: string, branch: string, base: string, options: WorktreeOptions = {}): Promise<string | null> {
  const existed = await branchExists(repo, branch);
  try {
    return await addWorktree(repo, path, branch, ["worktree", "add", "-b", branch, "--", path, base], options);
  } catch (error) {
    const worktrees = await runGit(repo, ["worktree", "list", "--porcelain"]);
    const isMadeAndUnused = !existed && (await branchExists(repo, branch)) && !worktrees.stdout.includes(`branch refs/heads/${branch}\n`);
    if (isMadeAndUnused) await withRepoLock(repo, () => runGit(repo, ["branch", "-D", "--", branch]));
    throw error;
  }
}

/** Makes a local branch `branch` tracking `origin/<branch>` (a base that was only on origin). */
export async function trackOriginBranch(repo: string, branch: string): Promise<void> {
  const args = ["branch", "--track", branch, `refs/remotes/origin/${branch}`];
  const result = await withRepoLock(repo, () => runGit(repo, args));
  if (result.code !== 0) throw gitError(args, result, "conflict");
}

/** Makes a worktree at `path` on the existing branch `branch` (refused by git when it is checked out elsewhere). */
export async function addWorktreeExistingBranch(repo: string, path: string, branch: string, options: WorktreeOptions = {}): Promise<string | null> {
  return addWorktree(repo, path, branch, ["worktree", "add", "--", path, branch], options);
}

/**
 * Runs `git worktree add`. git runs the repository's post-checkout hook once the worktree is checked out and exits with
 * the hook's status (git-lfs's hook when git-lfs is not on the PATH, a hook that expects `node_modules`): the worktree
 * is then complete and usable, so this answers the hook's first lines instead of failing. Null when all went well.
 */
async function addWorktree(repo: string, path: string, branch: string, args: string[], options: WorktreeOptions): Promise<string | null> {
  const timeoutMs = options.timeoutMs ?? WORKTREE_TIMEOUT_MS;
  const result = await withRepoLock(repo, () => runGit(repo, args, { timeoutMs, signal: options.signal }));
  if (result.code === 0) return null;
  if (result.stoppedBy) {
    // Half checked out is not usable: the folder goes (the caller drops a branch it made).
    await withRepoLock(repo, () => runGit(repo, ["worktree", "remove", "--force", "--force", "--", path]));
    if (result.stoppedBy === "signal") throw new AppError("cancelled", `git worktree add was stopped (${String(options.signal?.reason ?? "cancelled")}).`);
    if (result.stoppedBy === "shutdown") throw new AppError("server_stopping", "git worktree add was stopped: ChatML is stopping.");
    const limit = timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} minutes` : `${Math.round(timeoutMs / 1000)} s`;
    throw new AppError("conflict", `git worktree add did not finish in ${limit} and was stopped.`);
  }
  // What went wrong, without git's progress lines ("Preparing worktree (new branch …)", "HEAD is now at …").
  const stderr = result.stderr.split(/\r?\n/).filter((line) => !/^(Preparing worktree|HEAD is now at)/.test(line)).join("\n");
  const head = existsSync(join(path, ".git")) ? await runGit(path, ["symbolic-ref", "--quiet", "--short", "HEAD"]) : null;
  if (head?.code === 0 && head.stdout.trim() === branch) return stderr.trim().split("\n").slice(0, 3).join(" ") || `exit code ${result.code}`;
  throw gitError(args, { ...result, stderr }, "conflict");
}

/** A submodule's clone (and so its checkout) may take this long. */
const SUBMODULES_TIMEOUT_MS = 10 * 60_000;

/** True when the worktree's commit has submodules, which a new worktree leaves as empty folders. */
export function hasSubmodules(worktree: string): boolean {
  return existsSync(join(worktree, ".gitmodules"));
}

/**
 * Checks out a new worktree's submodules, nested ones too, from their own remotes (as `git clone --recursive` would),
 * or, for those the repository's own checkout has already cloned, from that clone on this disk (see
 * {@link cloneFromCheckout}). Answers how many are checked out, or git's first line of error. The submodules' URLs
 * are registered under the repository lock (they go into the config every worktree shares); the clones run outside it.
 */
export async function checkoutSubmodules(repo: string, worktree: string, signal?: AbortSignal): Promise<{ count: number; error: string | null }> {
  const init = await withRepoLock(repo, () => runGit(worktree, ["submodule", "init"]));
  if (init.code === 0) await cloneFromCheckout(worktree, signal);
  const update = init.code === 0 ? await runGit(worktree, ["submodule", "update", "--init", "--recursive"], { timeoutMs: SUBMODULES_TIMEOUT_MS, signal }) : init;
  if (update.code !== 0) return { count: 0, error: firstReason(update.stderr) ?? `exit code ${update.code}` };
  const listed = await runGit(worktree, ["submodule", "status", "--recursive"]);
  return { count: listed.stdout.split("\n").filter(Boolean).length, error: null };
}

/**
 * Clones the worktree's submodules that the repository's own checkout has already cloned (`<git dir>/modules/<name>`,
 * nested ones inside theirs) from that copy, on this disk: a new session's submodules then cost no download and need
 * no network or credentials. Each clone's `origin` is set back to the submodule's own URL, so fetch and push go where
 * they would have. Best effort: a submodule the checkout never cloned, or whose commit its copy lacks, is left to
 * `git submodule update` (which fetches it from its remote).
 */
async function cloneFromCheckout(worktree: string, signal?: AbortSignal): Promise<void> {
  const commonDir = await runGit(worktree, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
  if (commonDir.code === 0) await cloneFromCopies(worktree, commonDir.stdout.trim(), signal);
}

/** Clones the submodules (registered by `git submodule init`) of `checkout` from those in the git dir `copies`. */
async function cloneFromCopies(checkout: string, copies: string, signal?: AbortSignal): Promise<void> {
  const paths = await runGit(checkout, ["config", "--file", ".gitmodules", "--get-regexp", "^submodule\\..*\\.path$"]);
  for (const line of paths.code === 0 ? paths.stdout.split("\n") : []) {
    const [, name, path] = /^submodule\.(.+)\.path (.+)$/.exec(line) ?? [];
    if (!name || !path) continue;
    const copy = join(copies, "modules", name);
    const url = await runGit(checkout, ["config", "--get", `submodule.${name}.url`]);
    if (!existsSync(join(copy, "HEAD")) || url.code !== 0) continue;
    // A file URL is refused by default (a repository could name one to read this disk): this one is ChatML's own choice.
    const cloned = await runGit(checkout, ["-c", "protocol.file.allow=always", "-c", `submodule.${name}.url=${copy}`, "submodule", "update", "--init", "--", path], { timeoutMs: SUBMODULES_TIMEOUT_MS, signal });
    const inside = join(checkout, path);
    if (!existsSync(join(inside, ".git"))) continue;
    await runGit(inside, ["remote", "set-url", "origin", url.stdout.trim()]);
    if (cloned.code !== 0) console.warn(`[git] submodule ${path} was not cloned from the checkout's copy; fetching it from its remote: ${firstReason(cloned.stderr) ?? `exit code ${cloned.code}`}`);
    else if (hasSubmodules(inside) && (await runGit(inside, ["submodule", "init"])).code === 0) await cloneFromCopies(inside, copy, signal);
  }
}

/** The first line of `git submodule update`'s error output that says what went wrong (ssh's own line comes first). */
function firstReason(stderr: string): string | undefined {
  const progress = /^(Cloning into|Submodule '.*' \(.*\) registered|Failed to clone .*(Retry scheduled|aborting))/;
  return stderr.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== "" && !progress.test(line));
}

/**
 * Removes a worktree; `force` also drops uncommitted changes. A folder already deleted by hand is just pruned. Git
 * refuses any worktree with checked-out submodules, since their clones (and any commit made in them) go with it: a
 * clean one (its submodules' changes count) goes once no submodule holds a commit that none of its remotes has.
 */
export async function removeWorktree(repo: string, path: string, force: boolean): Promise<void> {
  const args = ["worktree", "remove", ...(force ? ["--force", "--force"] : []), "--", path];
  await withRepoLock(repo, async () => {
    let result = await runGit(repo, args);
    if (result.code !== 0 && /containing submodules/.test(result.stderr) && (await uncommittedPaths(path)).length === 0) {
      const onlyHere = await submodulesWithLocalCommits(path);
      if (onlyHere.length > 0) {
        throw new AppError("conflict", `The worktree's submodule${onlyHere.length === 1 ? "" : "s"} ${onlyHere.join(", ")} ${onlyHere.length === 1 ? "has" : "have"} commits that no remote has; push them first, or delete anyway (they are lost).`, { submodules: onlyHere });
      }
      result = await runGit(repo, ["worktree", "remove", "--force", "--", path]);
    }
    if (result.code !== 0 && !/is not a working tree|No such file|does not exist/i.test(result.stderr)) {
      throw gitError(args, result, "conflict");
    }
    await git(repo, ["worktree", "prune"]);
  });
}

/** The worktree's submodules (nested too) whose HEAD or branches hold commits that none of their remotes has. */
async function submodulesWithLocalCommits(worktree: string): Promise<string[]> {
  // A fixed command (no user input) that `git submodule foreach` runs in each submodule: prints its path if it has such commits.
  const check = 'test -z "$(git rev-list -n 1 HEAD --branches --not --remotes)" || echo "$displaypath"';
  const result = await runGit(worktree, ["submodule", "foreach", "--quiet", "--recursive", check]);
  if (result.code !== 0) throw gitError(["submodule", "foreach"], result, "conflict");
  return result.stdout.split("\n").filter(Boolean);
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
  // No renames: a rename is two entries in -z output (the new path, then the old one without a status), which a
  // plain split would read as a path cut short. Without them it is a deletion and an addition, both whole paths.
  const result = await runGit(cwd, ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=normal"]);
  if (result.code !== 0) throw new AppError("conflict", `Cannot read the status of ${cwd}: ${result.stderr.trim()}`);
  // A path can be listed twice: staged as deleted and on disk as untracked (`git rm --cached`, a checkout cut short).
  return [...new Set(result.stdout.split("\0").filter(Boolean).map((entry) => entry.slice(3)))];
}

import { realpathSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { KeyedQueue } from "../lib/keyed-queue.ts";

/** One queue per repository. */
const queue = new KeyedQueue();
/** Work tree path → its repository's key, so each path costs one `git rev-parse`. */
const keys = new Map<string, Promise<string>>();

/**
 * Runs `operation` when no other ChatML git operation on the same repository is running, in call order. A repository
 * is its common git dir, so the main checkout and all its worktrees share one queue (git keeps their refs, config and
 * worktree list in one place, and concurrent `git worktree add` calls race on them). Reads that take no locks
 * (`GIT_OPTIONAL_LOCKS=0`) need not queue. A failing operation does not block the ones after it.
 * @example await withRepoLock(repo, () => addWorktreeNewBranch(repo, path, branch, base));
 */
export async function withRepoLock<T>(cwd: string, operation: () => Promise<T>): Promise<T> {
  return queue.run(await repoLockKey(cwd), operation);
}

/** The repository a path belongs to: its common git dir, real path (the path itself when it is not in a repository). */
export function repoLockKey(cwd: string): Promise<string> {
  let key = keys.get(cwd);
  if (!key) {
    key = commonGitDir(cwd);
    keys.set(cwd, key);
    if (keys.size > 1000) keys.delete(keys.keys().next().value as string);
  }
  return key;
}

async function commonGitDir(cwd: string): Promise<string> {
  const proc = Bun.spawn(["git", "-C", cwd, "rev-parse", "--git-common-dir"], { stdin: "ignore", stdout: "pipe", stderr: "ignore", env: { ...process.env, LC_ALL: "C" } });
  const [text, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  const dir = code === 0 ? text.trim() : "";
  const path = dir === "" ? cwd : isAbsolute(dir) ? dir : join(cwd, dir);
  try {
    return realpathSync(path);
  } catch (error) {
    console.warn(`[git] no real path for ${path}; locking on it as given: ${String(error)}`);
    return path;
  }
}

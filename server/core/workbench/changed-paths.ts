import type { ChangedPaths } from "../../../shared/api/workbench.ts";
import { changedFilesBetween } from "../../git/changes.ts";
import { statusOf } from "../../git/status.ts";
import { sharedSnapshot } from "../../git/shared-snapshot.ts";
import { forkPoint, headOrEmptyTree, worktreeSnapshot } from "../../git/worktree-tree.ts";

/** As many files as the Files tree lists at most: a mark past them has no file to go on. */
const MAX_MARKED = 50_000;

/**
 * Every changed path of the work tree at `cwd`: uncommitted (against HEAD, as the session's git state counts them)
 * and since `base` (its fork point), both against one snapshot of the work tree.
 */
export async function changedPaths(cwd: string, base: string | null): Promise<ChangedPaths> {
  // Asked on every change of the session's git state: after a turn, its end's snapshot (unchanged since) is the work
  // tree, and the uncommitted diff and status the git refresh read against it are this one's too (ADR 0126).
  const [live, head, from] = await Promise.all([sharedSnapshot(cwd).then((shared) => shared ?? worktreeSnapshot(cwd)), headOrEmptyTree(cwd), base ? forkPoint(cwd, base) : null]);
  const [uncommitted, sinceBase] = await Promise.all([changedFilesBetween(cwd, head, live.tree, live), from ? changedFilesBetween(cwd, from, live.tree, live) : []]);
  const unrecorded = [...live.leftOut, ...live.newRepos].map((path) => ({ path, status: "??" }));
  return {
    uncommitted: [...uncommitted.map((file) => ({ path: file.path, status: statusOf(file) })), ...unrecorded].slice(0, MAX_MARKED),
    // A deleted file is not in the tree to be marked.
    sinceBase: sinceBase.filter((file) => file.change !== "deleted").map((file) => file.path).slice(0, MAX_MARKED),
  };
}

import { gitAction, type GitActionOptions } from "./git-client.ts";
import { runGit } from "./git.ts";
import { stoppedOperation, type StoppedOperation } from "./operation-state.ts";
import { fetchOrigin } from "./remote-actions.ts";
import { resolveRef } from "./refs.ts";

/**
 * What {@link fastForwardToOrigin} did: nothing (the worktree has the commit, or holds another branch), a fast-forward,
 * or nothing because only the user can say how (uncommitted changes, commits on both sides, a stopped rebase or merge).
 */
export type FastForwardResult =
  | { status: "hasCommit" }
  | { status: "otherBranch" }
  | { status: "fastForwarded"; from: string; to: string }
  | { status: "uncommitted" }
  | { status: "diverged" }
  | { status: "stopped"; operation: StoppedOperation };

/**
 * Brings the worktree of `branch` at `cwd` up to origin's copy when origin has `sha` and the worktree does not: only a
 * fast-forward (`merge --ff-only`) of a clean worktree whose HEAD origin's branch contains, so nothing of the user's is
 * touched. Fetches only when `sha` is missing; a failed fetch rejects.
 *
 * @example await fastForwardToOrigin(cwd, "feature", prHeadSha) // { status: "fastForwarded", from: "abc…", to: "def…" }
 */
export async function fastForwardToOrigin(cwd: string, branch: string, sha: string, options: GitActionOptions = {}): Promise<FastForwardResult> {
  if (await isAncestor(cwd, sha, "HEAD")) return { status: "hasCommit" };
  const current = await runGit(cwd, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  if (current.code !== 0 || current.stdout.trim() !== branch) return { status: "otherBranch" };
  await fetchOrigin(cwd, branch, options);
  const operation = await stoppedOperation(cwd);
  if (operation) return { status: "stopped", operation };
  const tracked = await runGit(cwd, ["status", "--porcelain", "--untracked-files=no"]);
  if (tracked.code !== 0 || tracked.stdout.trim() !== "") return { status: "uncommitted" };
  const originRef = `refs/remotes/origin/${branch}`;
  const from = (await resolveRef(cwd, "HEAD")) ?? "";
  const to = await resolveRef(cwd, originRef);
  if (!to || !(await isAncestor(cwd, "HEAD", originRef))) return { status: "diverged" };
  await gitAction(cwd, ["merge", "--ff-only", originRef], options);
  return { status: "fastForwarded", from, to };
}

/** Whether `ancestor` is a commit here that `descendant` contains (false for a commit this clone lacks). */
async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  return (await runGit(cwd, ["merge-base", "--is-ancestor", ancestor, descendant])).code === 0;
}

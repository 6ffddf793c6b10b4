import type { Session } from "../../../shared/protocol/model.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { readGitStatus, refExists, runGit } from "../../git/index.ts";

/**
 * A pull request carries only the branch's commits: one with no commits beyond its base would be empty, and GitHub
 * refuses it ("No commits between …") — after ChatML has pushed. Said before anything is pushed, naming the work that
 * is still uncommitted (Claude rarely commits unasked), which the user commits in the session's Git view first.
 * Uncommitted changes beside commits are the user's call, as ever: they are left out of the pull request.
 */
export async function requireCommitsBeyond(session: Session, base: string): Promise<void> {
  const baseRef = (await refExists(session.cwd, `refs/remotes/origin/${base}`)) ? `refs/remotes/origin/${base}` : (await refExists(session.cwd, `refs/heads/${base}`)) ? `refs/heads/${base}` : null;
  if (!baseRef) return;
  const counted = await runGit(session.cwd, ["rev-list", "--count", `${baseRef}..HEAD`]);
  if (counted.code !== 0 || Number(counted.stdout.trim()) > 0) return;
  const { files } = await readGitStatus(session.cwd, null);
  const names = files.slice(0, 3).map((f) => f.path).join(", ") + (files.length > 3 ? ", …" : "");
  const uncommitted = files.length > 0 ? ` Its ${files.length === 1 ? "change" : `${files.length} changes`} (${names}) ${files.length === 1 ? "is" : "are"} not committed: commit ${files.length === 1 ? "it" : "them"} in the session's Git view, then create the pull request.` : "";
  throw new AppError("conflict", `The branch "${session.branch ?? ""}" has no commits beyond ${base}, so there is nothing for a pull request.${uncommitted}`, { reason: "no_commits" });
}

/**
 * GitHub's own "No commits between …" (422): the branch looked ahead of its base here, but GitHub's base took its
 * commits meanwhile (merged or pushed on github.com since the worktree last fetched). Said as what happened, with
 * GitHub's words; any other refusal is passed on as it is.
 */
export function explainNoCommitsOnGitHub(error: unknown, branch: string, base: string): unknown {
  if (!(error instanceof AppError) || !/No commits between/.test(error.message)) return error;
  return new AppError(
    "conflict",
    `GitHub refused the pull request: No commits between ${base} and ${branch}. Its ${base} already holds every commit of "${branch}" (merged or pushed there since this session last fetched), so there is nothing to review.`,
    { reason: "no_commits" },
  );
}

/**
 * Whether creating the PR pushes the branch first: GitHub lacks it, or lacks commits it has here — anything but a copy
 * that already holds HEAD (same commit, or moved on past it from elsewhere). A copy that went another way is pushed
 * to as well: git refuses, and the refusal is said, rather than a PR opened without this session's commits.
 */
export async function needsPushForPullRequest(session: Session, onGithub: string | null): Promise<boolean> {
  if (onGithub === null) return true;
  const head = (await runGit(session.cwd, ["rev-parse", "HEAD"])).stdout.trim();
  if (head === onGithub) return false;
  return (await runGit(session.cwd, ["merge-base", "--is-ancestor", "HEAD", onGithub])).code !== 0;
}

/** A failed push ahead of a PR, said as what it means: nothing was opened, and nothing here was touched. */
export function explainPushBeforePullRequest(error: unknown, branch: string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, `Pushing "${branch}" failed, so no pull request was opened (your commits and this form are kept): ${error.message}`, { ...(error.details as object | undefined), reason: "push_failed" });
}

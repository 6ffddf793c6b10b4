import type { Session } from "../../../shared/protocol/model.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { BRANCH_DIVERGED_FROM_GITHUB } from "../../../shared/api/integrations.ts";
import { messageOf } from "../../../shared/error-message.ts";
import { plural } from "../../../shared/plural.ts";
import { fetchOrigin, readGitStatus, refExists, runGit, withRepoLock } from "../../git/index.ts";

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
 * Whether creating the PR pushes the branch first: GitHub lacks it, or lacks commits it has here. A copy that holds
 * HEAD (the same commit, or moved on past it from elsewhere) is opened as it is. GitHub's copy not known here is
 * fetched first: unfetched, a copy that had moved on past HEAD read as one to push over, git refused the push, and the
 * user was told to pull what the PR could have carried as it was. A copy that went another way is refused before
 * anything is pushed ({@link divergedFromGithub}); a fetch that fails leaves the decision to the push, as before.
 */
export async function needsPushForPullRequest(session: Session, branch: string, onGithub: string | null): Promise<boolean> {
  if (onGithub === null) return true;
  const cwd = session.cwd;
  const head = (await runGit(cwd, ["rev-parse", "HEAD"])).stdout.trim();
  if (head === onGithub) return false;
  const isKnown = async () => (await runGit(cwd, ["cat-file", "-e", `${onGithub}^{commit}`])).code === 0;
  if (!(await isKnown())) {
    await withRepoLock(cwd, () => fetchOrigin(cwd, branch)).catch((error: unknown) => console.warn(`[github] fetching origin/${branch} before a PR failed:`, messageOf(error)));
    if (!(await isKnown())) return true;
  }
  if ((await runGit(cwd, ["merge-base", "--is-ancestor", "HEAD", onGithub])).code === 0) return false;
  if ((await runGit(cwd, ["merge-base", "--is-ancestor", onGithub, "HEAD"])).code === 0) return true;
  throw await divergedFromGithub(cwd, branch, onGithub);
}

/**
 * GitHub's copy of the branch and this worktree went different ways (pushed from another clone): a push was refused
 * with git's words, or, already fetched, git's raw "non-fast-forward" hint. Said before anything is pushed, with both
 * sides counted and the way on — pull GitHub's commits in (a merge), then create again; nothing of either side is lost.
 */
async function divergedFromGithub(cwd: string, branch: string, onGithub: string): Promise<AppError> {
  const count = async (range: string) => Number((await runGit(cwd, ["rev-list", "--count", range])).stdout.trim());
  const [theirs, ours] = await Promise.all([count(`HEAD..${onGithub}`), count(`${onGithub}..HEAD`)]);
  return new AppError(
    "conflict",
    `GitHub's copy of "${branch}" has ${plural(theirs, "commit")} this session does not have (pushed from elsewhere), and this session has ${ours} it does not: they went different ways, so nothing was pushed and no pull request was opened (your commits and this form are kept). Pull the branch to merge GitHub's commits in, then create the pull request again; a force push would throw theirs away.`,
    { reason: BRANCH_DIVERGED_FROM_GITHUB, branch, theirs, ours },
  );
}

/** A failed push ahead of a PR, said as what it means: nothing was opened, and nothing here was touched. */
export function explainPushBeforePullRequest(error: unknown, branch: string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, `Pushing "${branch}" failed, so no pull request was opened (your commits and this form are kept): ${error.message}`, { ...(error.details as object | undefined), reason: "push_failed" });
}

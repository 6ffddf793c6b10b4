import type { SessionId } from "../../../shared/ids.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import { FINISHED_RUN_STATUSES, type Run } from "../../../shared/protocol/jobs.ts";
import { readGitStatus } from "../../git/index.ts";
import type { JobsDeps } from "./jobs-context.ts";

/** Source control and the GitHub integration, through their public services (wired in the composition root). */
export type RunPullRequestPorts = {
  /** Pushes the session's branch to origin. */
  push(sessionId: SessionId): Promise<{ branch: string }>;
  /** A title and description written from the branch's commits and diff. */
  draft(sessionId: SessionId): Promise<{ title: string; body: string }>;
  /** Opens the pull request of the session's branch. */
  create(sessionId: SessionId, input: { title: string; body: string }): Promise<PullRequest>;
};

/**
 * Turns a finished run into a pull request: pushes its worktree's branch, lets the integration draft the title and
 * description, and opens the PR. Each step that fails says so; what happened is kept in the run's log.
 */
export async function openRunPullRequest(deps: JobsDeps, ports: RunPullRequestPorts, run: Run): Promise<PullRequest> {
  const session = requireBranchSession(deps, run);
  await requireCommittedWork(session);
  const sessionId = session.id;
  const { branch } = await ports.push(sessionId);
  deps.repos.runs.appendLog(run.id, "info", `Pushed the branch ${branch}.`);
  const draft = await ports.draft(sessionId);
  const pullRequest = await ports.create(sessionId, { title: draft.title, body: draft.body });
  deps.repos.runs.appendLog(run.id, "info", `Opened pull request #${pullRequest.number}: ${pullRequest.url}`);
  return pullRequest;
}

/**
 * A pull request carries only commits: a run whose work is not committed (Claude rarely commits unasked) would open
 * one without it — or, with nothing beyond the base, one GitHub refuses after the push. Both are said before anything
 * is pushed.
 */
async function requireCommittedWork(session: Session): Promise<void> {
  const status = await readGitStatus(session.cwd, session.baseBranch);
  if (status.files.length > 0) {
    const names = status.files.slice(0, 3).map((f) => f.path).join(", ") + (status.files.length > 3 ? ", …" : "");
    throw new AppError(
      "conflict",
      `The run left ${status.files.length} uncommitted ${status.files.length === 1 ? "change" : "changes"} (${names}), and a pull request carries only commits. Commit them in the run's session (Open session → Git), then open the pull request.`,
      { reason: "uncommitted" },
    );
  }
  if (session.baseBranch && status.ahead === 0) {
    throw new AppError("conflict", `The run's branch has no commits beyond ${session.baseBranch}: there is nothing for a pull request.`, { reason: "no_commits" });
  }
}

function requireBranchSession(deps: JobsDeps, run: Run): Session {
  if (!FINISHED_RUN_STATUSES.includes(run.status)) throw new AppError("conflict", "The run has not ended yet; open a pull request once it has.");
  if (!run.sessionId) throw new AppError("conflict", "The run never got a session, so there is nothing to push.");
  const session = deps.repos.sessions.get(run.sessionId);
  if (!session) throw new AppError("not_found", `The run's session ${run.sessionId} no longer exists.`);
  if (!session.branch) throw new AppError("conflict", "The run worked in a folder, not on a branch of its own: there is no branch to open a pull request from.");
  return session;
}


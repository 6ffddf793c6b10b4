import type { SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import { FINISHED_RUN_STATUSES, type Run } from "../../../shared/protocol/jobs.ts";
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
  const sessionId = requireBranchSession(deps, run);
  const { branch } = await ports.push(sessionId);
  deps.repos.runs.appendLog(run.id, "info", `Pushed the branch ${branch}.`);
  const draft = await ports.draft(sessionId);
  const pullRequest = await ports.create(sessionId, { title: draft.title, body: draft.body });
  deps.repos.runs.appendLog(run.id, "info", `Opened pull request #${pullRequest.number}: ${pullRequest.url}`);
  return pullRequest;
}

function requireBranchSession(deps: JobsDeps, run: Run): SessionId {
  if (!FINISHED_RUN_STATUSES.includes(run.status)) throw new AppError("conflict", "The run has not ended yet; open a pull request once it has.");
  if (!run.sessionId) throw new AppError("conflict", "The run never got a session, so there is nothing to push.");
  const session = deps.repos.sessions.get(run.sessionId);
  if (!session) throw new AppError("not_found", `The run's session ${run.sessionId} no longer exists.`);
  if (!session.branch) throw new AppError("conflict", "The run worked in a folder, not on a branch of its own: there is no branch to open a pull request from.");
  return session.id;
}


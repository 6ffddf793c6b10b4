import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { JobLogPage, PullRequest } from "../../../shared/protocol/integrations.ts";
import { failedStep, logLines, plainLines, stepLines } from "./job-log.ts";
import type { SessionsPort } from "./ports.ts";
import type { PullRequestService } from "./pull-request-service.ts";

const DEFAULT_PAGE = 500;
const TAIL_LINES = 80;

/** CI for a session's PR: job logs on demand (paged), "send this failure to Claude", re-run failed jobs. */
export class CiService {
  constructor(private readonly deps: { pullRequests: PullRequestService; sessions: SessionsPort }) {}

  /** A page of a job's log; without `fromLine`, the last page (where failures are). */
  async jobLog(sessionId: SessionId, jobId: number, fromLine?: number, limit = DEFAULT_PAGE): Promise<JobLogPage> {
    const { api } = await this.jobOf(sessionId, jobId);
    const [log, job] = await Promise.all([api.jobLog(jobId), api.job(jobId)]);
    const lines = logLines(log);
    const start = fromLine ?? Math.max(0, lines.length - limit);
    return { jobId, lines: lines.slice(start, start + limit), fromLine: start, totalLines: lines.length, failedStep: failedStep(job.steps)?.name ?? null };
  }

  /** Posts the failing step's log tail to the session's task conversation; answers what was sent and where. */
  async sendFailureToClaude(sessionId: SessionId, jobId: number): Promise<{ text: string; conversationId: ConversationId }> {
    const { api, check, pr } = await this.jobOf(sessionId, jobId);
    const conversationId = this.deps.sessions.taskConversation(sessionId);
    if (!conversationId) throw new AppError("not_found", "This session has no task conversation to send the failure to.");
    const [log, job] = await Promise.all([api.jobLog(jobId), api.job(jobId)]);
    const step = failedStep(job.steps);
    const tail = plainLines(stepLines(logLines(log), step)).slice(-TAIL_LINES);
    const text = [
      `CI check "${check}" failed on pull request #${pr.number}${step ? ` in step "${step.name}"` : ""}. Here is the end of its log:`,
      "```",
      ...tail,
      "```",
      "Find the cause and fix it.",
    ].join("\n");
    await this.deps.sessions.send(conversationId, text);
    return { text, conversationId };
  }

  /** Re-runs the failed jobs of the workflow run a job belongs to. */
  async rerunFailed(sessionId: SessionId, jobId: number): Promise<void> {
    const { api } = await this.jobOf(sessionId, jobId);
    const job = await api.job(jobId);
    await api.rerunFailedJobs(job.runId);
  }

  private async jobOf(sessionId: SessionId, jobId: number) {
    const pr: PullRequest | null = this.deps.pullRequests.get(sessionId);
    if (!pr) throw new AppError("not_found", "This session has no pull request.");
    const check = pr.checks.find((c) => c.jobId === jobId);
    if (!check) throw new AppError("not_found", `Job ${jobId} is not a check of #${pr.number}.`);
    const api = await this.deps.pullRequests.api(this.deps.sessions.get(sessionId));
    return { api, check: check.name, pr };
  }
}

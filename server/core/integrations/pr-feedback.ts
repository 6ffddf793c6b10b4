import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import type { SessionsPort } from "./ports.ts";
import type { PullRequestService } from "./pull-request-service.ts";

const REVIEW_WORDS: Record<PullRequest["reviews"][number]["state"], string> = {
  approved: "approved",
  changes_requested: "requested changes",
  commented: "reviewed",
  dismissed: "had a review dismissed",
};

/** What reviewers said on a session's PR, for Claude: send it to the task conversation; ask the reviewers to look again. */
export class PullRequestFeedback {
  constructor(private readonly deps: { pullRequests: PullRequestService; sessions: SessionsPort; now: () => number }) {}

  /**
   * Reads the PR again (so what goes is what GitHub has now), then posts its reviews' words and its comments (on lines
   * and on the conversation), oldest first, to the session's task conversation; answers what was sent and where (the
   * card links there: it said "in the task conversation" with no way to it).
   */
  async sendToClaude(sessionId: SessionId): Promise<{ text: string; conversationId: ConversationId }> {
    const conversationId = this.deps.sessions.taskConversation(sessionId);
    if (!conversationId) throw new AppError("not_found", "This session has no task conversation to send the review to.");
    const pr = await this.deps.pullRequests.refresh(sessionId);
    if (!pr) throw new AppError("not_found", "This session has no pull request.");
    const points = feedbackPoints(pr);
    if (points.length === 0) throw new AppError("conflict", `#${pr.number} has no review comments to send yet.`);
    const text = [`Reviewers left feedback on pull request #${pr.number} (${pr.url}):`, "", ...points, "", "Address each point, then commit the changes."].join("\n");
    await this.deps.sessions.send(conversationId, text);
    return { text, conversationId };
  }

  /**
   * Asks Claude, in the session's task conversation, to merge the PR's base into its branch, resolve the conflicts and
   * push: the way on from a PR that conflicts with its base (GitHub's "Update branch" refuses a conflict).
   */
  async askToMergeBase(sessionId: SessionId): Promise<{ text: string; pullRequest: PullRequest | null }> {
    const conversationId = this.deps.sessions.taskConversation(sessionId);
    if (!conversationId) throw new AppError("not_found", "This session has no task conversation to ask.");
    const pr = this.deps.pullRequests.get(sessionId);
    if (!pr) throw new AppError("not_found", "This session has no pull request.");
    if (pr.state !== "open" && pr.state !== "draft") throw new AppError("conflict", `#${pr.number} is ${pr.state}; there is nothing to merge ${pr.baseRef} into.`);
    const base = pr.baseRef;
    const text = [
      // The first line names the conversation when it is its first message: what to do, not which PR.
      `Merge ${base} into ${pr.headRef}: pull request #${pr.number} (${pr.url}) is behind ${base} or conflicts with it.`,
      "",
      `Run \`git fetch origin ${base}\` and \`git merge origin/${base}\`. Resolve any conflicts keeping what both sides meant, run the tests, commit the merge and push ${pr.headRef}.`,
    ].join("\n");
    await this.deps.sessions.send(conversationId, text);
    // Only an ask that went out is noted: a failed one leaves the card offering it, with the error.
    return { text, pullRequest: this.deps.pullRequests.setMergeBaseAsk(sessionId, { askedAt: this.deps.now(), conversationId }) };
  }

  /** Asks everyone who reviewed the PR to review it again (after a fix was pushed). */
  async requestReviewAgain(sessionId: SessionId): Promise<PullRequest> {
    const pr = this.deps.pullRequests.get(sessionId);
    if (!pr) throw new AppError("not_found", "This session has no pull request.");
    if (pr.state !== "open" && pr.state !== "draft") throw new AppError("conflict", `#${pr.number} is ${pr.state}; there is nothing to review again.`);
    const reviewers = [...new Set(pr.reviews.filter((r) => r.state !== "dismissed").map((r) => r.author))];
    if (reviewers.length === 0) throw new AppError("conflict", `Nobody has reviewed #${pr.number} yet, so there is nobody to ask again.`);
    const api = await this.deps.pullRequests.api(this.deps.sessions.get(sessionId));
    await api.addReviewersAndLabels(pr.number, reviewers, []);
    return (await this.deps.pullRequests.refresh(sessionId)) ?? pr;
  }
}

/** One line per review with words and per comment, oldest first; a body's later lines indented under its line. */
export function feedbackPoints(pr: PullRequest): string[] {
  const reviews = pr.reviews.filter((r) => r.body.trim()).map((r) => ({ at: r.submittedAt ?? 0, head: `${r.author} ${REVIEW_WORDS[r.state]}`, body: r.body }));
  const comments = pr.comments.map((c) => ({ at: c.createdAt, head: c.path === null ? c.author : `${c.author} on ${c.path}${c.line === null ? "" : `:${c.line}`}`, body: c.body }));
  return [...reviews, ...comments]
    .sort((a, b) => a.at - b.at)
    .map(({ head, body }) => `- ${head}: ${body.trim().split("\n").join("\n  ")}`);
}

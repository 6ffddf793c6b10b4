import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { messageOf } from "../../../shared/error-message.ts";
import type { SessionsPort } from "./ports.ts";
import type { PullRequestService } from "./pull-request-service.ts";

/**
 * Ends "Claude was asked to merge the base" (PullRequest.mergeBaseAsk) with the turn it started: once that
 * conversation's turn ends (or its process does) the ask is over and the PR is read from GitHub again, so every device
 * sees whether the conflict is gone — and is offered the ask again when it is not.
 */
export class MergeBaseAsks {
  constructor(private readonly deps: { pullRequests: Pick<PullRequestService, "listOpen" | "sessionsAskedToMergeIn" | "setMergeBaseAsk" | "refresh">; sessions: Pick<SessionsPort, "isWorking"> }) {}

  /** A committed event of `conversationId`: a turn's result or the process's exit ends an ask made there. */
  onEvent(conversationId: ConversationId, event: DurableEvent): void {
    const isTurnOver = event.type === "turn.completed" || (event.type === "conversation.status.changed" && event.status === "exited");
    if (!isTurnOver) return;
    // Every turn's end asks: found in SQLite, not by decoding every open pull request (each with its checks and comments).
    for (const sessionId of this.deps.pullRequests.sessionsAskedToMergeIn(conversationId)) this.end(sessionId);
  }

  /** At start: asks whose turn ended while ChatML was down (no conversation of the session works) are over. */
  endAbandoned(): void {
    for (const pr of this.deps.pullRequests.listOpen()) if (pr.mergeBaseAsk && !this.deps.sessions.isWorking(pr.sessionId)) this.end(pr.sessionId);
  }

  private end(sessionId: SessionId): void {
    this.deps.pullRequests.setMergeBaseAsk(sessionId, null);
    this.deps.pullRequests.refresh(sessionId).catch((error: unknown) => console.warn(`[github] reading the pull request of ${sessionId} after the merge ask failed: ${messageOf(error)}`));
  }
}

import { useState } from "react";
import type { ConversationId, PullRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { useSectionActions, type ActionReport } from "./action-report.ts";
import { githubApi } from "./github-api.ts";
import { SentToClaudeNote } from "./sent-to-claude-note.tsx";

/** Under an open PR's reviews: send what reviewers said to Claude; once fixed, ask them to review again. A failure goes to `report`. */
export function ReviewFeedbackActions({ pr, report }: { pr: PullRequest; report: ActionReport }) {
  const { note, isBusy, act } = useSectionActions(report);
  const [sentTo, setSentTo] = useState<ConversationId | null>(null);
  const hasFeedback = pr.comments.length > 0 || pr.reviews.some((r) => r.body.trim());
  const hasReviewers = pr.reviews.some((r) => r.state !== "dismissed");
  if ((pr.state !== "open" && pr.state !== "draft") || (!hasFeedback && !hasReviewers)) return null;
  const send = async () => setSentTo((await githubApi.sendReviewToClaude(pr.sessionId)).conversationId);
  const askAgain = async () => usePullRequestStore.getState().set(pr.sessionId, (await githubApi.requestReviewAgain(pr.sessionId)).pullRequest);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        {hasFeedback ? (
          <Button variant="primary" disabled={isBusy} onClick={() => (setSentTo(null), act("send review", send, "Review sent to Claude in the task conversation."))}>
            Send review to Claude
          </Button>
        ) : null}
        {hasReviewers ? (
          <Button disabled={isBusy} onClick={() => (setSentTo(null), act("ask again", askAgain, "Asked the reviewers to review again."))}>
            Ask for review again
          </Button>
        ) : null}
      </div>
      {note ? <SentToClaudeNote text={note} conversationId={sentTo} /> : null}
    </div>
  );
}

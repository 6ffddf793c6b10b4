import type { LinearIssue, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { selectPullRequest, usePullRequestStore } from "../../stores/pull-request-store.ts";

/**
 * With automatic status off ChatML leaves Linear alone (ADR 0297): once the session's PR is merged and the issue still
 * reads "Backlog" or "In Progress", the card says so and offers the move to Done in one tap (it said "Backlog" beside a
 * merged PR with no word why).
 */
export function LinearMergedNote({ sessionId, issue, isAutoStatus, onMarkDone }: { sessionId: SessionId; issue: LinearIssue; isAutoStatus: boolean; onMarkDone: () => void }) {
  const pr = usePullRequestStore(selectPullRequest(sessionId));
  const isFinished = issue.stateType === "completed" || issue.stateType === "canceled";
  if (isAutoStatus || isFinished || pr?.state !== "merged") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p data-testid="linear-merged-note" className="min-w-0 flex-1 text-xs text-stone-600 dark:text-stone-400">
        Pull request #{pr.number} is merged; Linear still says {issue.stateName ?? "it is open"}. With automatic status off, ChatML leaves issues to you.
      </p>
      <Button onClick={onMarkDone}>Mark {issue.identifier} done</Button>
    </div>
  );
}

import type { LinearIssue, PullRequest, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { selectPullRequest, usePullRequestStore } from "../../stores/pull-request-store.ts";

/** The move the card offers: to the team's review state while the PR is open, to Done once it is merged. */
export type LinearMove = "inReview" | "done";

/**
 * With automatic status off ChatML leaves Linear alone (ADR 0297): when the session's PR has got further than the
 * issue — open while Linear still says "Todo", merged while it is not done — the card says so and offers the move
 * automatic status would have made, in one tap (ADR 0306). The badge said "Todo" beside an open PR with no word why,
 * and nothing but a trip to Linear moved it until the merge.
 */
export function LinearBehindNote({ sessionId, issue, isAutoStatus, onMove }: { sessionId: SessionId; issue: LinearIssue; isAutoStatus: boolean; onMove: (move: LinearMove) => void }) {
  const pr = usePullRequestStore(selectPullRequest(sessionId));
  const move = isAutoStatus || !pr ? null : moveBehind(pr, issue);
  if (!pr || !move) return null;
  const [said, label] = move === "done" ? ["merged", `Mark ${issue.identifier} done`] : ["open", `Mark ${issue.identifier} in review`];
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p data-testid="linear-behind-note" className="min-w-0 flex-1 text-xs text-stone-600 dark:text-stone-400">
        Pull request #{pr.number} is {said}; Linear still says {issue.stateName ?? "it is open"}. With automatic status off, ChatML leaves issues to you.
      </p>
      <Button onClick={() => onMove(move)}>{label}</Button>
    </div>
  );
}

/** The move the issue is behind by: Done after a merge unless finished, In Review while open unless already started. */
function moveBehind(pr: PullRequest, issue: LinearIssue): LinearMove | null {
  const type = issue.stateType ?? "";
  if (pr.state === "merged") return type === "completed" || type === "canceled" ? null : "done";
  if (pr.state === "open" || pr.state === "draft") return ["started", "completed", "canceled"].includes(type) ? null : "inReview";
  return null;
}

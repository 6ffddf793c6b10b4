import type { PullRequest } from "../../../../shared/index.ts";
import { mergeabilityLabel } from "./mergeability-label.ts";

const STATE: Record<PullRequest["state"], string> = {
  open: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  draft: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
  merged: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  closed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};
const REVIEW: Record<NonNullable<PullRequest["reviewDecision"]>, string> = {
  approved: "Approved",
  changes_requested: "Changes requested",
  review_required: "Review required",
};
const CHECKS: Record<PullRequest["checkSummary"], string> = { none: "No checks", pending: "Checks running", passing: "Checks passed", failing: "Checks failing" };

type Part = { testId: string; text: string; className: string };
const QUIET = "text-stone-600 dark:text-stone-400";

/**
 * State, review decision, checks and mergeability of a PR as small labels. The separator ends the part before it (a
 * no-break space ties it there): a part wrapped to the next line on a phone started the line with a stray "·".
 */
export function PullRequestBadges({ pr }: { pr: PullRequest }) {
  const mergeable = mergeabilityLabel(pr);
  const parts: Part[] = [{ testId: "pr-checks", text: CHECKS[pr.checkSummary], className: pr.checkSummary === "failing" ? "font-semibold text-red-700 dark:text-red-400" : QUIET }];
  if (pr.reviewDecision) parts.push({ testId: "pr-review", text: REVIEW[pr.reviewDecision], className: QUIET });
  if (mergeable) parts.push({ testId: "pr-mergeability", text: mergeable, className: QUIET });
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs">
      <span data-testid="pr-state" className={`rounded-full px-2 py-0.5 font-semibold capitalize ${STATE[pr.state]}`}>
        {pr.state}
      </span>
      {parts.map((part, i) => (
        <span key={part.testId}>
          <span data-testid={part.testId} className={part.className}>
            {part.text}
          </span>
          {i < parts.length - 1 ? <span aria-hidden="true" className="text-stone-500">{"\u00a0·"}</span> : null}
        </span>
      ))}
    </div>
  );
}

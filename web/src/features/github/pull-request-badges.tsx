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

/** State, review decision, checks and mergeability of a PR as small labels. */
export function PullRequestBadges({ pr }: { pr: PullRequest }) {
  const mergeable = mergeabilityLabel(pr);
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs">
      <span data-testid="pr-state" className={`rounded-full px-2 py-0.5 font-semibold capitalize ${STATE[pr.state]}`}>
        {pr.state}
      </span>
      <span data-testid="pr-checks" className={pr.checkSummary === "failing" ? "font-semibold text-red-700 dark:text-red-400" : "text-stone-600 dark:text-stone-400"}>
        {CHECKS[pr.checkSummary]}
      </span>
      {pr.reviewDecision ? <span className="text-stone-600 dark:text-stone-400">· {REVIEW[pr.reviewDecision]}</span> : null}
      {mergeable ? <span className="text-stone-600 dark:text-stone-400">· {mergeable}</span> : null}
    </div>
  );
}

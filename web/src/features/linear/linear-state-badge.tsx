import type { LinearIssue } from "../../../../shared/index.ts";

const COLOURS: Record<string, string> = {
  started: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  completed: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  canceled: "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
};
const OTHER = "bg-stone-100 text-stone-800 dark:bg-stone-900 dark:text-stone-200";

/** An issue's workflow state as a small label, coloured by Linear's category. */
export function LinearStateBadge({ issue }: { issue: LinearIssue }) {
  if (!issue.stateName) return null;
  return (
    <span data-testid="linear-state" className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${COLOURS[issue.stateType ?? ""] ?? OTHER}`}>
      {issue.stateName}
    </span>
  );
}

import { ownedPlans, type WorkspacePlans } from "../../../../shared/index.ts";

/** How many goals and jobs are named before the rest fold under "N more" (a phone's sheet stays on one screen). */
const SHOWN = 5;

type Plan = { id: string; kind: "Goal" | "Job"; name: string };

/** Goals first, then jobs, each in the order the server listed them (oldest first). */
function planList(plans: WorkspacePlans): Plan[] {
  return [...plans.goals.map((g) => ({ id: g.id, kind: "Goal" as const, name: g.title })), ...plans.jobs.map((j) => ({ id: j.id, kind: "Job" as const, name: j.name }))];
}

function PlanItems({ items, className = "" }: { items: Plan[]; className?: string }) {
  return (
    <ul className={`flex flex-col gap-1 ${className}`}>
      {items.map((item) => (
        <li key={item.id} className="flex items-baseline gap-2">
          <span className="shrink-0 rounded bg-stone-200 px-1.5 text-xs text-stone-700 dark:bg-stone-700 dark:text-stone-200">{item.kind}</span>
          <span className="min-w-0 [overflow-wrap:anywhere]">{item.name}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The goals and jobs deleting a workspace's history deletes with it, by name (a long list folds), and the explicit
 * second confirmation it takes (ADR 0261): they cannot be kept without their workspace.
 */
export function PlansToDelete({ plans, isConfirmed, onConfirm }: { plans: WorkspacePlans; isConfirmed: boolean; onConfirm: (isConfirmed: boolean) => void }) {
  const items = planList(plans);
  const rest = items.slice(SHOWN);
  const words = ownedPlans({ goals: plans.goals.length, jobs: plans.jobs.length });
  const isOne = items.length === 1;
  return (
    <section aria-label="Goals and jobs deleted with it" className="flex flex-col gap-2 rounded-lg border border-red-200 p-3 text-sm dark:border-red-900">
      <p className="text-stone-700 dark:text-stone-200">
        Its {words} cannot be kept without the workspace: deleting its history deletes {isOne ? "it" : "them"} too, with {isOne ? "its" : "their"} run history.
      </p>
      <PlanItems items={items.slice(0, SHOWN)} />
      {rest.length > 0 ? (
        <details>
          <summary className="min-h-11 cursor-pointer content-center text-stone-600 dark:text-stone-300">{rest.length} more</summary>
          {/* Scrolls on its own: the sheet has no scroll of its own, and a workspace may have dozens of jobs. */}
          <PlanItems items={rest} className="max-h-40 overflow-y-auto" />
        </details>
      ) : null}
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" className="size-5 shrink-0" checked={isConfirmed} onChange={(e) => onConfirm(e.target.checked)} />
        <span>Also delete the {words} listed above</span>
      </label>
    </section>
  );
}

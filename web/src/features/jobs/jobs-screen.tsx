import { useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Goal } from "../../../../shared/index.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsViewStore } from "../../stores/jobs-view-store.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { DeletedJobRuns } from "./deleted-job-runs.tsx";
import { JobCard } from "./job-card.tsx";
import { JobForm } from "./job-form.tsx";
import { NewGoalForm } from "./new-goal-form.tsx";
import { dotJoin } from "../../lib/dot-join.ts";
import { ScreenLink } from "../../components/route-link.tsx";

const PLAN_LABELS: Record<Goal["plan"]["status"], string> = { none: "not planned", planning: "planning…", proposed: "plan waits for your review", approved: "plan approved", failed: "planning failed" };

/** Goals (with their plan's state) and every job with its schedule, next fire, last result and history. */
export function JobsScreen() {
  const goalsById = useJobsStore((s) => s.goals);
  const jobsById = useJobsStore((s) => s.jobs);
  const goals = useMemo(() => Object.values(goalsById).filter((g) => g.status !== "archived").sort((a, b) => b.updatedAt - a.updatedAt), [goalsById]);
  const jobs = useMemo(() => Object.values(jobsById).sort((a, b) => a.createdAt - b.createdAt), [jobsById]);
  // A removed workspace takes no new job (its form would offer no repository to pick).
  const hasWorkspace = useConversationsStore((s) => Object.values(s.workspaces).some((w) => !w.archivedAt));
  const isLoaded = useJobsStore((s) => s.isLoaded);
  const loadError = useJobsStore((s) => s.loadError);
  // Until the lists are read, what the socket brought meanwhile is not the list, and "No jobs yet" not true.
  const isListed = isLoaded && !loadError;
  const [isCreating, setIsCreating] = useState(false);
  // Coming back from a run opened far down a history finds the screen where it was left.
  const main = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (main.current) main.current.scrollTop = useJobsViewStore.getState().scrollTop;
  }, []);
  return (
    <>
      <TopBar title="Jobs" />
      <main ref={main} onScroll={(e) => useJobsViewStore.getState().setScrollTop(e.currentTarget.scrollTop)} className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          <NewGoalForm />
          <section aria-label="Goals" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Goals</h2>
            <ListNote isLoaded={isLoaded} loadError={loadError} isEmpty={goals.length === 0} what="goals" empty="No goals yet." />
            <ul className="flex flex-col gap-2">
              {(isListed ? goals : []).map((goal) => {
                // A paused goal's jobs run nothing, enabled or not: counted as paused with it, never as active.
                const count = jobs.filter((job) => job.goalId === goal.id && job.isEnabled).length;
                const noun = count === 1 ? "job" : "jobs";
                const jobsText = goal.status === "active" ? `${count} active ${noun}` : `${count} ${noun} paused with it`;
                return (
                  <li key={goal.id}>
                    <ScreenLink
                      route={{ view: "goal", id: goal.id }}
                      className="flex min-h-11 w-full flex-col rounded-xl border border-stone-200 bg-white px-4 py-2 text-left hover:bg-stone-100 dark:border-stone-800 dark:bg-stone-900 dark:hover:bg-stone-800"
                    >
                      <span className="text-sm font-medium">{goal.title}</span>
                      <span className={`text-xs ${goal.plan.status === "proposed" ? "text-amber-700 dark:text-amber-400" : "text-stone-500"}`}>
                        {dotJoin([goal.status !== "active" && goal.status, PLAN_LABELS[goal.plan.status], count ? jobsText : null])}
                      </span>
                    </ScreenLink>
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-label="All jobs" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="flex-1 text-sm font-semibold">All jobs</h2>
              {hasWorkspace && !isCreating ? <Button onClick={() => setIsCreating(true)}>New job</Button> : null}
            </div>
            {isCreating ? <JobForm onDone={() => setIsCreating(false)} /> : null}
            <ListNote isLoaded={isLoaded} loadError={loadError} isEmpty={jobs.length === 0 && !isCreating} what="jobs" empty="No jobs yet: approve a goal's plan, or add a job of your own." />
            {(isListed ? jobs : []).map((job) => (
              <JobCard key={job.id} job={job} />
            ))}
          </section>
          <DeletedJobRuns jobs={jobsById} />
        </div>
      </main>
    </>
  );
}

/** Under a list: that it is loading or could not be loaded (its items are not shown then), or `empty` when it is. */
function ListNote({ isLoaded, loadError, isEmpty, what, empty }: { isLoaded: boolean; loadError: string | null; isEmpty: boolean; what: string; empty: string }) {
  if (loadError) return <ErrorText message={`Could not load ${what}: ${loadError}`} />;
  if (!isLoaded) return <p role="status" className="text-sm text-stone-500">Loading {what}…</p>;
  return isEmpty ? <p className="text-sm text-stone-500">{empty}</p> : null;
}

import { useMemo, useState } from "react";
import type { Goal, GoalId } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { MissingScreen } from "../shell/missing-screen.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { ConfirmAction } from "./confirm-action.tsx";
import { JobCard } from "./job-card.tsx";
import { PlanReview } from "./plan-review.tsx";
import { useAction } from "./use-action.ts";

/** A goal: its plan (planning, to review, approved), its jobs with their runs, and pause / resume / archive. */
export function GoalScreen({ id }: { id: string }) {
  const goal = useJobsStore((s) => s.goals[id]);
  const allJobs = useJobsStore((s) => s.jobs);
  const jobs = useMemo(() => Object.values(allJobs).filter((job) => job.goalId === id).sort((a, b) => a.createdAt - b.createdAt), [allJobs, id]);
  const isLoaded = useJobsStore((s) => s.isLoaded);
  // Outlives the plan panel, which is remade when the plan changes (as it does on approval).
  const [isApprovedElsewhere, setIsApprovedElsewhere] = useState(false);
  // The goals list is whole: once it is in, a goal it lacks is gone (its tab asks the server to be sure, and says so).
  if (!goal) return <MissingScreen title="Goal" what="goal" isSettled={isLoaded} testId="goal-not-found" />;
  return (
    <>
      <TopBar title={goal.title} subtitle={goal.status === "active" ? null : goal.status} />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-3xl flex-col gap-4 p-4">
          <GoalActions goal={goal} />
          <RemovedRepositoryNote workspaceId={goal.workspaceId} />
          {goal.description ? <p className="whitespace-pre-wrap break-words text-sm text-stone-700 dark:text-stone-300">{goal.description}</p> : null}
          <PlanPanel key={`${goal.plan.status}-${goal.updatedAt}`} goal={goal} isApprovedElsewhere={isApprovedElsewhere} onApproved={setIsApprovedElsewhere} />
          {jobs.length ? (
            <section aria-label="Jobs of this goal" className="flex flex-col gap-3">
              <h2 className="text-sm font-semibold">Jobs</h2>
              {jobs.map((job) => (
                <JobCard key={job.id} job={job} />
              ))}
            </section>
          ) : null}
        </div>
      </main>
    </>
  );
}

/** A goal of a removed repository is neither planned nor approved (the server refuses): said before a tap, with the way back. */
function RemovedRepositoryNote({ workspaceId }: { workspaceId: string }) {
  const workspace = useConversationsStore((s) => s.workspaces[workspaceId]);
  if (!workspace?.archivedAt) return null;
  return (
    <div className="flex flex-col gap-2">
      <p role="note" className="text-sm text-amber-900 dark:text-amber-200">
        The repository {workspace.name} was removed (its history is kept): its jobs wait, and this goal cannot be planned or its plan approved until it is restored.
      </p>
      {/* A finger-sized target, as every other way to a screen (an inline link in the sentence was 20 px tall). */}
      <ScreenLink route={{ view: "workspace", id: workspace.id }} className={buttonLook("secondary", "self-start")}>Open {workspace.name} to restore it</ScreenLink>
    </div>
  );
}

const PAUSE_QUESTION = "Pause this goal? Its jobs stop running on their schedule and their queued runs are cancelled; a running one goes on.";
const ARCHIVE_QUESTION = "Archive this goal? It leaves the list of goals, and its jobs stop running on their schedule until you resume it.";

function GoalActions({ goal }: { goal: Goal }) {
  const action = useAction();
  const setStatus = (status: Goal["status"]) => action.run(() => jobsApi.updateGoal(goal.id as GoalId, { status }));
  return (
    <div className="flex flex-wrap gap-2">
      {/* Pausing cancels every job's queued runs: it asks first, as a job's own Pause does. */}
      {goal.status === "active" ? <ConfirmAction label="Pause goal" question={PAUSE_QUESTION} confirmLabel="Pause goal" isBusy={action.isBusy} onConfirm={() => void setStatus("paused")} /> : null}
      {goal.status !== "active" ? <Button disabled={action.isBusy} onClick={() => setStatus("active")}>Resume goal</Button> : null}
      {/* One stray tap took the goal off the Jobs screen's list and held its jobs: it asks first, as Delete does. */}
      {goal.status !== "archived" ? <ConfirmAction label="Archive" question={ARCHIVE_QUESTION} confirmLabel="Archive goal" isBusy={action.isBusy} onConfirm={() => void setStatus("archived")} /> : null}
      {action.error ? <p role="alert" className="text-sm text-red-700">{action.error}</p> : null}
    </div>
  );
}

function PlanPanel({ goal, isApprovedElsewhere, onApproved }: { goal: Goal; isApprovedElsewhere: boolean; onApproved: (isAlreadyApproved: boolean) => void }) {
  const action = useAction();
  const plan = () => action.run(() => jobsApi.plan(goal.id as GoalId, { timezone: userTimeZone() }));
  switch (goal.plan.status) {
    case "planning":
      return <p role="status" className="flex items-center gap-2 text-sm"><Spinner /> Claude is planning this goal…</p>;
    case "proposed":
      return <PlanReview goal={goal} onApproved={onApproved} />;
    case "failed":
    case "none":
      return (
        <section aria-label="Plan" className="flex flex-col gap-2">
          {goal.plan.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">Planning failed: {goal.plan.error}</p> : <p className="text-sm">No plan yet.</p>}
          <Button variant="primary" className="self-start" disabled={action.isBusy} onClick={plan}>Plan this goal</Button>
          {action.error ? <p role="alert" className="text-sm text-red-700">{action.error}</p> : null}
        </section>
      );
    case "approved":
      return (
        <section aria-label="Plan" className="flex flex-col gap-2">
          <p className="text-sm text-emerald-800 dark:text-emerald-300">Plan approved{goal.plan.assessment ? `: ${goal.plan.assessment}` : "."}</p>
          {isApprovedElsewhere ? (
            <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
              This plan had been approved already (on another device, or by an earlier tap): its jobs below are the ones it made, and nothing new was added.
            </p>
          ) : null}
          <Button className="self-start" disabled={action.isBusy} onClick={plan}>Re-plan</Button>
        </section>
      );
  }
}

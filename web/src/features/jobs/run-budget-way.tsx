import { RUN_BUDGET_STOP_PREFIX, RUN_TURN_BUDGET_STOP_PREFIX, type Run } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { RouteLink } from "../../components/route-link.tsx";
import { useJobEditStore } from "../../stores/job-edit-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { routeHref, useNavStore, type Route } from "../../stores/nav-store.ts";
import { useWorkspaceEditStore } from "../../stores/workspace-edit-store.ts";

/**
 * Under the error of a run its budget stopped, a link to where that budget is raised: the job's form opened at its
 * cost or turn budget, or — a turn stop of a job that sets no turn budget — the workspace's default (ADRs 0151, 0162,
 * 0165). The run's screen said only "Stopped by its budget", and the job's settings had to be found by hand.
 */
export function RunBudgetWay({ run }: { run: Pick<Run, "jobId" | "error"> }) {
  const job = useJobsStore((s) => s.jobs[run.jobId]);
  const go = useNavStore((s) => s.go);
  if (!job || !run.error?.startsWith(RUN_BUDGET_STOP_PREFIX)) return null;
  const isTurns = run.error.startsWith(RUN_TURN_BUDGET_STOP_PREFIX);
  const isWorkspaces = isTurns && !job.maxTurns;
  const route: Route = isWorkspaces ? { view: "workspace", id: job.workspaceId } : job.goalId ? { view: "goal", id: job.goalId } : { view: "jobs" };
  const open = () => {
    if (isWorkspaces) useWorkspaceEditStore.getState().askForTurnBudget(job.workspaceId);
    else useJobEditStore.getState().askForBudget(job.id, isTurns ? "turns" : "cost");
    go(route);
  };
  const label = isWorkspaces ? "Raise the workspace's turn budget" : isTurns ? "Raise the job's turn budget" : "Raise the job's budget";
  return (
    <RouteLink href={routeHref(route)} onOpen={open} className={buttonLook("secondary", "self-start")}>
      {label}
    </RouteLink>
  );
}

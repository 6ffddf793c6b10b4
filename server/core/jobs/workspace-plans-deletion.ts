import type { RunId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { messageOf } from "../../../shared/error-message.ts";
import { FINISHED_RUN_STATUSES } from "../../../shared/protocol/jobs.ts";
import type { JobService } from "./job-service.ts";
import type { JobsDeps } from "./jobs-context.ts";

/** The goals and jobs (by id) the user confirmed deleting with a workspace's history. */
export type ConfirmedPlans = { goalIds: readonly string[]; jobIds: readonly string[] };

/**
 * A deletion of a workspace's goals and jobs made ready: they are held (nothing fires or starts) and their runs are
 * stopped. The workspace's own deletion runs {@link deleteRows} in its transaction, then {@link announce}s; either way
 * it calls {@link release}.
 */
export type PlansDeletion = {
  /** Deletes the goals, jobs, runs and run logs (inside the caller's transaction). */
  deleteRows(): void;
  /** Tells every device the goals and jobs are gone (after the commit). */
  announce(): void;
  /** Lets the jobs fire again (after a failed deletion; harmless after one that went through). */
  release(): void;
};

export type WorkspacePlansDeletionDeps = JobsDeps & { jobs: JobService; cancelRun(id: RunId): Promise<unknown> };

/**
 * Deletes a workspace's goals and jobs with its history, through the jobs room (ADR 0261): what the user confirmed is
 * checked first, then the jobs are held and their running runs stopped, so no run starts between the stop and the
 * rows' deletion.
 */
export class WorkspacePlansDeletion {
  constructor(private readonly deps: WorkspacePlansDeletionDeps) {}

  /** `conflict` (and nothing changed) when the workspace's goals or jobs are not the ones confirmed. */
  async prepare(workspaceId: WorkspaceId, confirmed: ConfirmedPlans): Promise<PlansDeletion> {
    const goals = this.deps.repos.goals.list(workspaceId);
    const jobs = this.deps.repos.jobs.list({ workspaceId });
    const added = [...goals.filter((g) => !confirmed.goalIds.includes(g.id)).map((g) => `the goal “${g.title}”`), ...jobs.filter((j) => !confirmed.jobIds.includes(j.id)).map((j) => `the job “${j.name}”`)];
    const gone = [...confirmed.goalIds, ...confirmed.jobIds].filter((id) => !goals.some((g) => g.id === id) && !jobs.some((j) => j.id === id));
    if (added.length > 0 || gone.length > 0) {
      const what = added.length > 0 ? `it now also has ${added.join(", ")}` : gone.length === 1 ? "a goal or job you confirmed is gone" : `${gone.length} goals or jobs you confirmed are gone`;
      throw new AppError("conflict", `The workspace's goals and jobs changed since you confirmed (${what}); nothing was deleted. Check and confirm again.`);
    }
    this.deps.jobs.hold(workspaceId);
    try {
      await this.stopRuns(workspaceId);
    } catch (error) {
      this.deps.jobs.release(workspaceId);
      throw error;
    }
    return {
      deleteRows: () => {
        this.deps.repos.runs.deleteOfWorkspace(workspaceId);
        for (const job of jobs) this.deps.repos.jobs.delete(job.id);
        for (const goal of goals) this.deps.repos.goals.delete(goal.id);
      },
      announce: () => {
        for (const job of jobs) this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "job", id: job.id } });
        for (const goal of goals) this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "goal", id: goal.id } });
      },
      release: () => this.deps.jobs.release(workspaceId),
    };
  }

  /** Stops the workspace's runs under way (cancelled, as the user's Cancel does); the first that cannot be stopped says so. */
  private async stopRuns(workspaceId: WorkspaceId): Promise<void> {
    const live = this.deps.repos.runs.listByStatus(["running", "waiting"]).filter((run) => run.workspaceId === workspaceId);
    for (const run of live) {
      await this.deps.cancelRun(run.id).catch((error: unknown) => {
        // One that ended meanwhile is stopped all the same.
        if (FINISHED_RUN_STATUSES.includes(this.deps.repos.runs.get(run.id)?.status ?? "cancelled")) return;
        throw new AppError("conflict", `The run of “${run.jobName}” could not be stopped (${messageOf(error)}); nothing was deleted.`);
      });
    }
  }
}

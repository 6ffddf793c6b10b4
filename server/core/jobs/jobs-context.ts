import type { Goal, Job, Run } from "../../../shared/protocol/jobs.ts";
import type { QueuedRun } from "../../scheduler/index.ts";
import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import type { EntityDeps } from "../entity-context.ts";

/** What the jobs room shares: storage, the bus, the clock, and the modes Claude Code refuses here (ADR 0097). */
export type JobsDeps = EntityDeps & { unavailableModes?: readonly UnavailablePermissionMode[] };

/** Pushes a goal, job or run upsert to every device. */
export function publishJobs(deps: JobsDeps, entity: { goal: Goal } | { job: Job } | { run: Run }): void {
  if ("goal" in entity) deps.bus.publish({ kind: "entity", change: { kind: "goal", goal: entity.goal } });
  else if ("job" in entity) deps.bus.publish({ kind: "entity", change: { kind: "job", job: shownJob(deps, entity.job) } });
  else deps.bus.publish({ kind: "entity", change: { kind: "run", run: entity.run } });
}

/**
 * A job as devices and the API see it: one whose workspace was removed fires nothing until it is restored, so it
 * shows no next fire (the stored one is kept for the restore, ADR 0293; the API kept answering it).
 */
export function shownJob(deps: JobsDeps, job: Job): Job {
  if (job.nextFireAt === null) return job;
  const workspace = deps.repos.workspaces.get(job.workspaceId);
  return workspace && workspace.archivedAt === null ? job : { ...job, nextFireAt: null };
}

/** A stored queued run as the pure scheduler sees it. */
export function toQueuedRun(run: Run): QueuedRun {
  return { runId: run.id, jobId: run.jobId, priority: run.priority, queuedAt: run.queuedAt, notBefore: run.notBefore, isManual: run.trigger === "manual", isResuming: run.conversationId !== null };
}

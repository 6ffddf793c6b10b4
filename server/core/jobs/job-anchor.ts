import type { Job } from "../../../shared/protocol/jobs.ts";
import { anchorOfUnanchored } from "../../scheduler/index.ts";
import type { JobsDeps } from "./jobs-context.ts";

/**
 * Where a job's days count from: its `anchorAt`, or for a job saved before jobs kept one, an instant of its own time of
 * day read from its last scheduled fire, its last edit or its creation (never a fire the spring gap moved; ADR 0120).
 * The last edit is there for a job whose fires since a resume (or a new rhythm) were skipped without a run: that
 * version counted its days from the edit's moment, and no run kept one.
 */
export function anchorOf(deps: Pick<JobsDeps, "repos">, job: Job): number {
  if (job.anchorAt !== undefined) return job.anchorAt;
  const isDays = job.schedule.kind === "interval" && job.schedule.unit === "days";
  const lastScheduled = isDays ? deps.repos.runs.listForJob(job.id, 20).find((run) => run.trigger === "schedule" || run.trigger === "missed") : undefined;
  const earlier = [...(lastScheduled ? [lastScheduled.scheduledFor] : []), job.updatedAt, job.createdAt];
  return anchorOfUnanchored(job.schedule, job.nextFireAt, earlier, job.createdAt);
}

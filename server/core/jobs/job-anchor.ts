import type { Job } from "../../../shared/protocol/jobs.ts";
import { anchorOfUnanchored } from "../../scheduler/index.ts";
import type { JobsDeps } from "./jobs-context.ts";

/**
 * Where a job's days count from: its `anchorAt`, or for a job saved before jobs kept one, an instant of its own time of
 * day read from its last scheduled fire or its creation (never a fire the spring gap moved; ADR 0120).
 */
export function anchorOf(deps: Pick<JobsDeps, "repos">, job: Job): number {
  if (job.anchorAt !== undefined) return job.anchorAt;
  const isDays = job.schedule.kind === "interval" && job.schedule.unit === "days";
  const lastScheduled = isDays ? deps.repos.runs.listForJob(job.id, 20).find((run) => run.trigger === "schedule" || run.trigger === "missed") : undefined;
  return anchorOfUnanchored(job.schedule, job.nextFireAt, lastScheduled ? [lastScheduled.scheduledFor, job.createdAt] : [job.createdAt], job.createdAt);
}

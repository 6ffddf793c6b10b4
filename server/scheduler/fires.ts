import { nextFireAfter, nextFires, type Schedule } from "./schedule.ts";

/** What to do with fires missed while the server was down (or the clock jumped ahead): run once now, or skip. */
export type MissedPolicy = "run_once" | "skip";

/**
 * The scheduling facts of one job. `anchor` is where an interval's rhythm counts from: the instant its timing was
 * last counted from now (created, schedule changed, resumed). Seconds to hours count from the last fire just as well;
 * every N days keeps the anchor's time of day, which a fire the spring gap moved no longer holds.
 */
export type JobTiming = {
  jobId: string;
  schedule: Schedule;
  /** Enabled, not paused, its goal active and its plan approved. */
  isActive: boolean;
  nextFireAt: number | null;
  anchor: number;
  missedPolicy: MissedPolicy;
};

/**
 * A due fire: `scheduledFor` is the instant it was meant for (with the job id, the key that makes it fire once);
 * `shouldRun` is false when a missed fire is skipped (or folded into a run still waiting, see `planTick`);
 * `nextFireAt` is the job's next fire after it; `missedCount` how many fires it stands for (0 when on time, at most
 * {@link MISSED_COUNT_CAP}): a catch-up run says how many it makes up for.
 */
export type FireDecision = { jobId: string; scheduledFor: number; isMissed: boolean; shouldRun: boolean; nextFireAt: number | null; missedCount: number };

/** Missed fires are counted up to this many ("100 or more": an every-second job down for a day is not counted out). */
export const MISSED_COUNT_CAP = 100;

/** A fire later than this after its time counts as missed (the server was down, asleep, or the clock jumped). */
export const DEFAULT_GRACE_MS = 60_000;

/**
 * The fire due for a job at `now`, or null. Several missed periods collapse into one decision: at most one run,
 * and the next fire is the first one after `now`.
 */
export function decideFire(job: JobTiming, now: number, graceMs = DEFAULT_GRACE_MS): FireDecision | null {
  if (!job.isActive || job.nextFireAt === null || job.nextFireAt > now) return null;
  const isMissed = now - job.nextFireAt > graceMs;
  // Counted from the fire for seconds to hours; a day's fire may sit at the end of a clock change's gap, not at its time.
  const anchor = job.schedule.kind === "interval" && job.schedule.unit !== "days" ? job.nextFireAt : job.anchor;
  return {
    jobId: job.jobId,
    scheduledFor: job.nextFireAt,
    isMissed,
    shouldRun: !isMissed || job.missedPolicy === "run_once",
    nextFireAt: nextFireAfter(job.schedule, now, anchor),
    missedCount: isMissed ? 1 + nextFires(job.schedule, job.nextFireAt, anchor, MISSED_COUNT_CAP - 1).filter((at) => at <= now).length : 0,
  };
}

/**
 * After the clock jumped back, a next fire computed from the old time may be far away: bring it back to what the
 * schedule says from `now` (never later than it was).
 */
export function repairAfterBackwardJump(job: JobTiming, now: number): number | null {
  if (job.nextFireAt === null) return null;
  let fresh: number | null;
  if (job.schedule.kind === "once") fresh = job.nextFireAt;
  else fresh = nextFireAfter(job.schedule, now, now);
  return fresh === null ? job.nextFireAt : Math.min(job.nextFireAt, fresh);
}

/** The first fire of a new (or re-enabled) job, counted from `now`. */
export function firstFire(schedule: Schedule, now: number): number | null {
  return nextFireAfter(schedule, now, now);
}

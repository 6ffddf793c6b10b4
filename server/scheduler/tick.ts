import { decideFire, repairAfterBackwardJump, DEFAULT_GRACE_MS, type FireDecision, type JobTiming } from "./fires.ts";
import { earliestNotBefore, pickRunsToStart, type ActiveRun, type QueuedRun } from "./queue.ts";
import { nextWatchdogCheck, watchdogActions, DEFAULT_KILL_GRACE_MS, type WatchdogAction, type WatchedRun } from "./watchdog.ts";

/** Everything the scheduler looks at in one tick; read from storage, so a restart sees the same facts. */
export type SchedulerSnapshot = {
  jobs: readonly JobTiming[];
  queued: readonly QueuedRun[];
  running: readonly (ActiveRun & WatchedRun)[];
  /** When the previous tick ran (null on the first tick after a start). */
  lastTickAt: number | null;
  concurrency: number;
};

export type TickOptions = { graceMs?: number; killGraceMs?: number; /** A step back larger than this is a clock jump. */ backwardToleranceMs?: number };

/** What one tick decided: fires to claim, next-fire repairs after a clock jump, runs to start, watchdog actions. */
export type TickPlan = {
  fires: FireDecision[];
  repairs: { jobId: string; nextFireAt: number | null }[];
  start: QueuedRun[];
  watchdog: WatchdogAction[];
  /** When to tick again at the latest (null: nothing scheduled). */
  wakeAt: number | null;
  isClockJumpBack: boolean;
};

/**
 * One scheduler step, pure: given the stored facts and `now`, decide. Fires are claimed by the caller before any run
 * starts, so a crash between the two leaves a queued run (started later), never a second fire.
 */
export function planTick(snapshot: SchedulerSnapshot, now: number, options: TickOptions = {}): TickPlan {
  const tolerance = options.backwardToleranceMs ?? 5_000;
  const isClockJumpBack = snapshot.lastTickAt !== null && now < snapshot.lastTickAt - tolerance;
  const repairs: TickPlan["repairs"] = [];
  const jobs = snapshot.jobs.map((job) => {
    if (!isClockJumpBack || !job.isActive) return job;
    const nextFireAt = repairAfterBackwardJump(job, now);
    if (nextFireAt !== job.nextFireAt) repairs.push({ jobId: job.jobId, nextFireAt });
    return { ...job, nextFireAt };
  });
  // A job keeps at most one run waiting: a fire due while one still waits (its runs outlast the interval, or the
  // pool is full) is folded into it, so "every minute" with five-minute runs does not queue a run a minute for ever.
  const waiting = new Set(snapshot.queued.map((run) => run.jobId));
  const fires = jobs
    .map((job) => decideFire(job, now, options.graceMs ?? DEFAULT_GRACE_MS))
    .filter((fire): fire is FireDecision => fire !== null)
    .map((fire) => (fire.shouldRun && waiting.has(fire.jobId) ? { ...fire, shouldRun: false } : fire));
  const start = pickRunsToStart(snapshot.queued, snapshot.running, snapshot.concurrency, now);
  const watchdog = watchdogActions(snapshot.running, now, options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  const candidates = [
    ...jobs.filter((job) => job.isActive).map((job) => job.nextFireAt),
    ...fires.map((fire) => fire.nextFireAt),
    earliestNotBefore(snapshot.queued, now),
    nextWatchdogCheck(snapshot.running, options.killGraceMs ?? DEFAULT_KILL_GRACE_MS),
  ].filter((t): t is number => t !== null && t > now);
  return { fires, repairs, start, watchdog, wakeAt: candidates.length ? Math.min(...candidates) : null, isClockJumpBack };
}

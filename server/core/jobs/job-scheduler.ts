import type { RunId } from "../../../shared/ids.ts";
import type { Job, Run } from "../../../shared/protocol/jobs.ts";
import { MISSED_COUNT_CAP, nextWatchdogCheck, pickRunsToStart, planTick, type FireDecision, type JobTiming } from "../../scheduler/index.ts";
import { runTitleTime } from "../../../shared/run-title.ts";
import { jobClockZone } from "./run-launch.ts";
import { anchorOf } from "./job-anchor.ts";
import type { JobService } from "./job-service.ts";
import { publishJobs, toQueuedRun, type JobsDeps } from "./jobs-context.ts";
import type { RunExecutor } from "./run-executor.ts";

export type JobSchedulerDeps = JobsDeps & {
  jobs: JobService;
  executor: Pick<RunExecutor, "launch" | "interrupt" | "kill" | "waitingSinceOf">;
  /** The worker pool's size (setting `jobConcurrency`). */
  concurrency(): number;
  /** Grace after the watchdog's interrupt before the process is stopped. */
  killGraceMs?: number;
};

/** Even with nothing due the scheduler looks this often (so a clock jump or an edit elsewhere is noticed). */
const MAX_SLEEP_MS = 10_000;

/**
 * The scheduler's loop around the pure {@link planTick}: reads the stored facts, claims due fires (run queued and
 * next fire moved on in one transaction, so no fire runs twice), starts runs in free pool slots, and lets the
 * watchdog act. It sleeps until the next thing is due, or until poked.
 */
export class JobScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private isStopped = true;
  private isTicking = false;

  constructor(private readonly deps: JobSchedulerDeps) {}

  start(): void {
    this.isStopped = false;
    this.poke();
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Something changed (a job, a finished run): look again soon. */
  poke(): void {
    this.sleep(0);
  }

  /** One step; public so tests can drive it. */
  tick(): void {
    if (this.isTicking) return;
    this.isTicking = true;
    try {
      const now = this.deps.now();
      const running = this.deps.repos.runs.listByStatus(["running", "waiting"]);
      const snapshot = {
        jobs: this.deps.repos.jobs.list().map((job) => this.timing(job)),
        queued: this.deps.repos.runs.listByStatus(["queued"]).map(toQueuedRun),
        running: running.map((run) => this.watched(run)),
        lastTickAt: this.deps.repos.scheduler.lastTickAt(),
        concurrency: this.deps.concurrency(),
      };
      const plan = planTick(snapshot, now, { killGraceMs: this.deps.killGraceMs });
      for (const repair of plan.repairs) this.saveJob(repair.jobId, (job) => ({ ...job, nextFireAt: repair.nextFireAt }));
      for (const fire of plan.fires) this.claim(fire, now);
      this.deps.repos.scheduler.setLastTickAt(now);
      // A held workspace's runs wait: its history is being deleted with them (ADR 0261).
      const queued = this.deps.repos.runs.listByStatus(["queued"]).filter((run) => !this.deps.jobs.isHeld(run.workspaceId)).map(toQueuedRun);
      for (const run of pickRunsToStart(queued, snapshot.running, snapshot.concurrency, now)) this.background(this.deps.executor.launch(run.runId as RunId));
      for (const action of plan.watchdog) this.background(action.action === "interrupt" ? this.deps.executor.interrupt(action.runId as RunId) : this.deps.executor.kill(action.runId as RunId));
      // Runs just started or interrupted have new deadlines: read them again for the wake-up time.
      const watched = this.deps.repos.runs.listByStatus(["running", "waiting"]).map((run) => this.watched(run));
      const wakeAt = Math.min(plan.wakeAt ?? Number.POSITIVE_INFINITY, nextWatchdogCheck(watched, this.deps.killGraceMs) ?? Number.POSITIVE_INFINITY);
      this.sleep(Math.max(0, Math.min(wakeAt - now, MAX_SLEEP_MS)));
    } catch (error) {
      console.error("[jobs] scheduler tick failed:", error);
      this.sleep(MAX_SLEEP_MS);
    } finally {
      this.isTicking = false;
    }
  }

  private watched(run: Run) {
    return { runId: run.id, jobId: run.jobId, deadlineAt: run.deadlineAt ?? Number.POSITIVE_INFINITY, interruptedAt: run.interruptedAt, waitingSince: this.deps.executor.waitingSinceOf(run.id) };
  }

  /** A launch or watchdog step that fails after its run was stored (e.g. during shutdown) is logged, never unhandled. */
  private background(work: Promise<void>): void {
    work.catch((error: unknown) => console.error("[jobs] run step failed:", error));
  }

  /** A job saved before it kept its anchor counts from an instant of its own time of day ({@link anchorOf}). */
  private timing(job: Job): JobTiming {
    return { jobId: job.id, schedule: job.schedule, isActive: this.deps.jobs.isActive(job), nextFireAt: job.nextFireAt, anchor: anchorOf(this.deps, job), missedPolicy: job.missedPolicy };
  }

  private claim(fire: FireDecision, now: number): void {
    const job = this.deps.repos.jobs.get(fire.jobId as Job["id"]);
    if (!job) return;
    const trigger: Run["trigger"] | null = fire.shouldRun ? (fire.isMissed ? "missed" : "schedule") : null;
    const run = trigger
      ? { jobId: job.id, goalId: job.goalId, workspaceId: job.workspaceId, jobName: job.name, trigger, scheduledFor: fire.scheduledFor, priority: job.priority, retries: 0, notBefore: null, previousRunId: null }
      : null;
    // A job saved before it kept an anchor keeps the one its fire was counted from (not this fire: the gap may have moved it).
    const created = this.deps.repos.scheduler.claimFire(job.id, `${job.id}@${fire.scheduledFor}`, run, { nextFireAt: fire.nextFireAt, anchorAt: anchorOf(this.deps, job) }, now);
    if (created?.trigger === "missed") this.deps.repos.runs.appendLog(created.id, "info", catchUpWords(job, fire));
    if (created) publishJobs(this.deps, { run: created });
    const updated = this.deps.repos.jobs.get(job.id);
    if (updated) publishJobs(this.deps, { job: updated });
  }

  private saveJob(jobId: string, change: (job: Job) => Job): void {
    const job = this.deps.repos.jobs.update(jobId as Job["id"], change, true);
    publishJobs(this.deps, { job });
  }

  private sleep(ms: number): void {
    if (this.isStopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, ms);
  }
}

/**
 * What a catch-up run stands for, first in its log: one run for every fire missed while ChatML was not running or the
 * repository was removed, as the job's "Missed runs" setting says (ADR 0309).
 */
function catchUpWords(job: Pick<Job, "schedule">, fire: Pick<FireDecision, "scheduledFor" | "missedCount">): string {
  const count = fire.missedCount >= MISSED_COUNT_CAP ? `${MISSED_COUNT_CAP} or more scheduled runs were` : fire.missedCount === 1 ? "1 scheduled run was" : `${fire.missedCount} scheduled runs were`;
  const first = runTitleTime(fire.scheduledFor, jobClockZone(job.schedule));
  return `Catch-up run: ${count} missed (${fire.missedCount === 1 ? "at" : "the first at"} ${first}) while ChatML was stopped or asleep, or its repository was removed. As the job's “Missed runs” setting says, this one run makes up for ${fire.missedCount === 1 ? "it" : "them all"}.`;
}

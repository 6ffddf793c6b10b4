import type { RunId } from "../../../shared/ids.ts";
import type { Job, Run } from "../../../shared/protocol/jobs.ts";
import { nextWatchdogCheck, pickRunsToStart, planTick, type JobTiming } from "../../scheduler/index.ts";
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
      for (const fire of plan.fires) this.claim(fire.jobId, fire.scheduledFor, fire.shouldRun ? (fire.isMissed ? "missed" : "schedule") : null, fire.nextFireAt, now);
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

  private claim(jobId: string, scheduledFor: number, trigger: "schedule" | "missed" | null, nextFireAt: number | null, now: number): void {
    const job = this.deps.repos.jobs.get(jobId as Job["id"]);
    if (!job) return;
    const run = trigger
      ? { jobId: job.id, goalId: job.goalId, workspaceId: job.workspaceId, jobName: job.name, trigger, scheduledFor, priority: job.priority, retries: 0, notBefore: null, previousRunId: null }
      : null;
    // A job saved before it kept an anchor keeps the one its fire was counted from (not this fire: the gap may have moved it).
    const created = this.deps.repos.scheduler.claimFire(job.id, `${job.id}@${scheduledFor}`, run, { nextFireAt, anchorAt: anchorOf(this.deps, job) }, now);
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

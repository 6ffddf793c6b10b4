import { JOB_DEFAULTS, type CreateJobInput, type UpdateJobInput } from "../../../shared/api/jobs-inputs.ts";
import { refuseUnavailableMode } from "../../../shared/api/permission-modes.ts";
import type { GoalId, JobId, RunId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Job, Run, ScheduleSpec } from "../../../shared/protocol/jobs.ts";
import { describeSchedule } from "../../../shared/schedule-words.ts";
import { anchorInZone, decideRunNow, firstFire, isKnownTimeZone, localTimeZone, nextFireAfter, nextFires, scheduleChangeOf, ScheduleError, validateSchedule } from "../../scheduler/index.ts";
import { anchorOf } from "./job-anchor.ts";
import { publishJobs, shownJob, toQueuedRun, type JobsDeps } from "./jobs-context.ts";
import { RemovedWorkspaces } from "./removed-workspaces.ts";

export type JobServiceDeps = JobsDeps & {
  /** Tells the scheduler something changed (a new job, a run to start). */
  poke(): void;
};

/** Jobs: create, edit, pause and resume, run now; and the schedule preview. */
export class JobService {
  private readonly removedWorkspaces: RemovedWorkspaces;
  /** Workspaces whose history is being deleted: their jobs fire nothing and their queued runs wait (ADR 0261). */
  private readonly held = new Set<WorkspaceId>();

  constructor(private readonly deps: JobServiceDeps) {
    this.removedWorkspaces = new RemovedWorkspaces((id) => deps.repos.workspaces.get(id));
  }

  /** The jobs as devices see them ({@link shownJob}). */
  list(filter: { workspaceId?: WorkspaceId; goalId?: GoalId } = {}): Job[] {
    return this.deps.repos.jobs.list(filter).map((job) => shownJob(this.deps, job));
  }

  /** A job as devices see it ({@link shownJob}); {@link get} is the stored one. */
  shown(job: Job): Job {
    return shownJob(this.deps, job);
  }

  get(id: JobId): Job {
    const job = this.deps.repos.jobs.get(id);
    if (!job) throw new AppError("not_found", `Job ${id} does not exist.`);
    return job;
  }

  /** Throws a clear `bad_request` for a schedule that cannot fire (bad cron, unknown zone, a time in the past). */
  checkSchedule(schedule: ScheduleSpec, what = "The schedule"): void {
    try {
      validateSchedule(schedule, this.deps.now());
    } catch (error) {
      if (error instanceof ScheduleError) throw new AppError("bad_request", `${what}: ${error.message}`);
      throw error;
    }
  }

  create(input: CreateJobInput, goalId: GoalId | null = null): Job {
    this.checkSchedule(input.schedule);
    refuseUnavailableMode(this.deps.unavailableModes ?? [], input.permissionMode);
    const workspace = this.deps.repos.workspaces.get(input.workspaceId);
    if (!workspace) throw new AppError("not_found", `Workspace ${input.workspaceId} does not exist.`);
    if (workspace.archivedAt !== null) throw new AppError("bad_request", `The workspace ${workspace.name} was removed: restore it from “Removed workspaces” to add jobs to it.`);
    const options = { ...JOB_DEFAULTS, ...stripUndefined(input) };
    if (options.mode === "session" && !options.sessionId) throw new AppError("bad_request", "A job that runs in a fixed session needs the session.");
    const job = this.deps.repos.jobs.create({
      ...options,
      workspaceId: input.workspaceId,
      goalId,
      name: input.name,
      prompt: input.prompt,
      schedule: input.schedule,
      isEnabled: true,
      // A job of a paused goal (a plan approved while it is paused) waits for the goal: no next run to show or miss.
      nextFireAt: goalId && this.deps.repos.goals.get(goalId)?.status !== "active" ? null : firstFire(input.schedule, this.deps.now()),
      anchorAt: this.deps.now(),
    });
    publishJobs(this.deps, { job });
    this.deps.poke();
    return job;
  }

  /** Edits a job; pausing clears its next fire, resuming (or a new schedule) counts it from now. */
  update(id: JobId, input: UpdateJobInput, pausedReason: string | null = null): Job {
    if (input.schedule) this.checkSchedule(input.schedule);
    refuseUnavailableMode(this.deps.unavailableModes ?? [], input.permissionMode);
    const current = this.get(id);
    const sessionId = input.sessionId !== undefined ? input.sessionId : current.sessionId;
    if ((input.mode ?? current.mode) === "session" && !sessionId) throw new AppError("bad_request", "A job that runs in a fixed session needs the session.");
    const job = this.save(id, (current) => ({ ...current, ...stripUndefined(input), pausedReason: input.isEnabled === false ? pausedReason : input.isEnabled ? null : current.pausedReason }));
    if (input.isEnabled === false) this.cancelQueuedRuns(id, pausedReason ?? "The job was paused.");
    const change = input.schedule === undefined ? "same" : scheduleChangeOf(current.schedule, input.schedule);
    if (change === "zone") return this.moveToZone(current, job);
    return change === "rhythm" || input.isEnabled !== undefined ? this.refreshTiming(job.id, change === "rhythm") : job;
  }

  /**
   * An every-N-days job given another zone keeps its time of day on the new zone's clocks: a daily 09:00 job moved
   * from New York to Berlin runs next at 09:00 in Berlin (ADR 0130). Its anchor moves so; its next run is counted
   * from it.
   */
  private moveToZone(before: Job, job: Job): Job {
    const fromZone = before.schedule.kind === "interval" ? before.schedule.timezone : undefined;
    const toZone = job.schedule.kind === "interval" ? job.schedule.timezone : undefined;
    const anchorAt = anchorInZone(anchorOf(this.deps, before), fromZone, toZone);
    const nextFireAt = job.nextFireAt === null ? null : nextFireAfter(job.schedule, this.deps.now(), anchorAt);
    this.save(job.id, (current) => ({ ...current, anchorAt, nextFireAt }), true);
    return this.refreshTiming(job.id);
  }

  /** A paused job (or goal) starts nothing more: its queued runs are cancelled, saying why; running ones go on. */
  cancelQueuedRuns(id: JobId, reason: string): void {
    for (const run of this.deps.repos.runs.listByStatus(["queued"])) {
      if (run.jobId !== id) continue;
      const cancelled = this.deps.repos.runs.update(run.id, (r) => ({ ...r, status: "cancelled", error: reason, endedAt: this.deps.now() }));
      publishJobs(this.deps, { run: cancelled });
    }
  }

  /**
   * Brings a job's next fire in line with whether it may fire ({@link isActive}): none while it may not,
   * counted from now when it becomes able again (so a pause never causes "missed" fires).
   */
  refreshTiming(id: JobId, isScheduleChanged = false): Job {
    const job = this.get(id);
    const isActive = this.isActive(job);
    const isCountedFromNow = isActive && (job.nextFireAt === null || isScheduleChanged);
    const nextFireAt = !isActive ? null : isCountedFromNow ? firstFire(job.schedule, this.deps.now()) : job.nextFireAt;
    const anchorAt = isCountedFromNow ? this.deps.now() : job.anchorAt;
    const saved = nextFireAt === job.nextFireAt ? job : this.save(id, (current) => ({ ...current, nextFireAt, ...(anchorAt === undefined ? {} : { anchorAt }) }), true);
    this.deps.poke();
    return saved;
  }

  /** Whether a job may fire now: enabled, its workspace not removed (nor held), and its goal (if any) active. */
  isActive(job: Job): boolean {
    if (!job.isEnabled || this.held.has(job.workspaceId)) return false;
    if (this.removedWorkspaces.isRemoved(job.workspaceId)) return false;
    if (!job.goalId) return true;
    return this.deps.repos.goals.get(job.goalId)?.status === "active";
  }

  /**
   * Follows workspace events on the bus until the answer is called: when one is removed its jobs stop firing (their
   * waiting runs cancelled) and keep their timing, so once it is back their days still count from the time each was
   * saved, and a fire missed meanwhile is handled like any missed fire, as its missed-runs setting says (ADR 0293).
   * Only a change of "removed" counts: a rename or a git-state update left the jobs alone but was answered by a read
   * and a save of each of them.
   */
  followWorkspaces(): () => void {
    this.removedWorkspaces.setFollowing(true);
    const unsubscribe = this.deps.bus.subscribe((message) => {
      if (message.kind !== "entity") return;
      const { change } = message;
      if (change.kind === "workspace") this.followWorkspace(change.workspace.id, change.workspace.name, change.workspace.archivedAt !== null);
      else if (change.kind === "removed" && change.entity === "workspace") this.followWorkspace(change.id as WorkspaceId, change.id, true);
    });
    return () => {
      unsubscribe();
      this.removedWorkspaces.setFollowing(false);
    };
  }

  private followWorkspace(id: WorkspaceId, name: string, isRemoved: boolean): void {
    if (!this.removedWorkspaces.note(id, isRemoved)) return;
    for (const job of this.deps.repos.jobs.list({ workspaceId: id })) {
      if (isRemoved) this.cancelQueuedRuns(job.id, `The workspace ${name} was removed.`);
      else this.restoreTiming(job);
      // Devices drop its next fire while it is removed and get it back on restore (shownJob).
      publishJobs(this.deps, { job: this.deps.repos.jobs.get(job.id) ?? job });
    }
    this.deps.poke();
  }

  /**
   * A restored workspace's job runs on from its anchor: its kept next fire (missed or not, {@link followWorkspaces}),
   * or — removed before jobs kept it, or stopped meanwhile by its goal — the next of its anchor's fires after now.
   * Restoring used to count it from now: a daily job saved at 09:00 and restored at 15:40 ran at 15:40 from then on.
   */
  private restoreTiming(job: Job): void {
    if (job.nextFireAt !== null || !this.isActive(job)) return;
    const nextFireAt = nextFireAfter(job.schedule, this.deps.now(), anchorOf(this.deps, job));
    this.save(job.id, (current) => ({ ...current, nextFireAt }), true);
  }

  /**
   * Holds the workspace's jobs while its history is deleted: none fires and no queued run of it starts, and nothing is
   * written, so a deletion that fails leaves each job as it was ({@link release}: a fire due meanwhile comes now).
   */
  hold(workspaceId: WorkspaceId): void {
    this.held.add(workspaceId);
  }

  release(workspaceId: WorkspaceId): void {
    if (this.held.delete(workspaceId)) this.deps.poke();
  }

  /** Whether the workspace's jobs are held ({@link hold}): the scheduler starts none of its queued runs. */
  isHeld(workspaceId: WorkspaceId): boolean {
    return this.held.has(workspaceId);
  }

  /** Stops a job for good by the scheduler's decision (it exits at once every time), saying why. */
  pauseWithReason(id: JobId, reason: string): Job {
    return this.update(id, { isEnabled: false }, reason);
  }

  /**
   * Runs a job now, outside the schedule (works for paused jobs too), as {@link decideRunNow} says: a run already
   * waiting is moved up rather than a second one queued. Answers the run and the job's run it waits for, if any.
   */
  runNow(id: JobId): { run: Run; waitsFor: Run | null; wasWaiting: boolean } {
    const job = this.get(id);
    // A removed workspace's jobs wait for it (ADR 0101): a run now only failed, and paused the job on top.
    const workspace = this.deps.repos.workspaces.get(job.workspaceId);
    if (!workspace || workspace.archivedAt !== null) throw new AppError("conflict", `The workspace ${workspace?.name ?? job.workspaceId} was removed: restore it from “Removed workspaces” to run this job. The job waits for it.`);
    if (this.held.has(job.workspaceId)) throw new AppError("conflict", `The history of ${workspace.name} is being deleted with this job.`);
    const active = this.deps.repos.runs.listByStatus(["queued", "running", "waiting"]).filter((run) => run.jobId === job.id);
    const decision = decideRunNow(job.id, active.filter((run) => run.status === "queued").map(toQueuedRun), active.filter((run) => run.status !== "queued").map((run) => ({ runId: run.id, jobId: run.jobId })));
    const waitsFor = active.find((run) => run.id === decision.waitsFor) ?? null;
    const run = decision.kind === "hurry" ? this.deps.repos.runs.update(decision.runId as RunId, (r) => ({ ...r, notBefore: null })) : this.queueManualRun(job);
    publishJobs(this.deps, { run });
    this.deps.poke();
    return { run, waitsFor, wasWaiting: decision.kind === "hurry" };
  }

  private queueManualRun(job: Job): Run {
    const run = this.deps.repos.runs.create({
      jobId: job.id,
      goalId: job.goalId,
      workspaceId: job.workspaceId,
      jobName: job.name,
      trigger: "manual",
      scheduledFor: this.deps.now(),
      priority: job.priority,
      retries: 0,
      notBefore: null,
      previousRunId: null,
    });
    if (!run) throw new AppError("internal", "The run could not be queued.");
    return run;
  }

  /** A job is deleted with its schedule; its runs stay in the history, and those still queued are cancelled. */
  delete(id: JobId): void {
    this.get(id);
    this.cancelQueuedRuns(id, "The job was deleted.");
    this.deps.repos.jobs.delete(id);
    this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "job", id } });
  }

  /**
   * A schedule in words and its next fire times, formatted in `timezone`; and `clockZone`, whose clocks keep its time
   * of day (a cron's zone, a day interval's — the server's for one saved without a zone —, else null).
   */
  preview(schedule: ScheduleSpec, timezone: string): { description: string; nextFireTimes: number[]; clockZone: string | null } {
    this.checkSchedule(schedule);
    if (!isKnownTimeZone(timezone)) throw new AppError("bad_request", `Unknown time zone "${timezone}".`);
    const now = this.deps.now();
    const format = (ms: number) => new Date(ms).toLocaleString("en-GB", { timeZone: timezone, dateStyle: "medium", timeStyle: "short" });
    const clockZone = schedule.kind === "cron" ? schedule.timezone : schedule.kind === "interval" && schedule.unit === "days" ? (schedule.timezone ?? localTimeZone()) : null;
    return { description: describeSchedule(schedule, format), nextFireTimes: nextFires(schedule, now, now, 5), clockZone };
  }

  private save(id: JobId, change: (job: Job) => Job, isQuiet = false): Job {
    const job = this.deps.repos.jobs.update(id, change, isQuiet);
    publishJobs(this.deps, { job });
    return job;
  }
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

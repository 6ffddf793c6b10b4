import type { JobId } from "../../shared/ids.ts";
import type { Job, Run } from "../../shared/protocol/jobs.ts";
import type { Db } from "./db.ts";
import type { JobRepo } from "./job-repo.ts";
import type { NewRun, RunRepo } from "./run-repo.ts";

/** The scheduler's cross-aggregate writes: a fire is claimed (run queued + job moved on) in one transaction. */
export class SchedulerRepo {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobRepo,
    private readonly runs: RunRepo,
  ) {}

  /**
   * Claims one fire: queues its run (unless `run` is null: a skipped fire) and moves the job's next fire on (and its
   * anchor, when given), all or nothing. Answers the run, or null when the fire was claimed before or skipped.
   */
  claimFire(jobId: JobId, fireKey: string, run: NewRun | null, timing: Pick<Job, "nextFireAt" | "anchorAt">, firedAt: number): Run | null {
    return this.db.transaction(() => {
      const job = this.jobs.get(jobId);
      if (!job) return null;
      const created = run ? this.runs.create(run, fireKey) : null;
      this.jobs.write({ ...job, nextFireAt: timing.nextFireAt, anchorAt: timing.anchorAt ?? job.anchorAt, lastFireAt: created ? firedAt : job.lastFireAt });
      return created;
    });
  }

  /** When the scheduler last looked (to notice the clock jumping back across a restart), or null. */
  lastTickAt(): number | null {
    return this.db.get<{ value: number }>("SELECT value FROM scheduler_state WHERE key = 'last_tick_at'")?.value ?? null;
  }

  setLastTickAt(at: number): void {
    this.db.run("INSERT INTO scheduler_state (key, value) VALUES ('last_tick_at', $at) ON CONFLICT (key) DO UPDATE SET value = $at", { at });
  }
}

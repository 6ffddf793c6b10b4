import { newId, type GoalId, type JobId, type WorkspaceId } from "../../shared/ids.ts";
import { Job } from "../../shared/protocol/jobs.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson, notFound } from "./errors.ts";

type Row = { data: string };
export type NewJob = Omit<Job, "id" | "createdAt" | "updatedAt" | "lastFireAt" | "pausedReason">;

/** Jobs: a prompt on a schedule, with or without a goal. */
export class JobRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  create(input: NewJob): Job {
    const at = this.now();
    const job: Job = { ...input, id: newId("job") as JobId, pausedReason: null, lastFireAt: null, createdAt: at, updatedAt: at };
    this.db.run(
      "INSERT INTO jobs (id, workspace_id, goal_id, next_fire_at, data, created_at, updated_at) VALUES ($id, $workspaceId, $goalId, $next, $data, $at, $at)",
      { id: job.id, workspaceId: job.workspaceId, goalId: job.goalId, next: job.nextFireAt, data: JSON.stringify(job), at },
    );
    return job;
  }

  get(id: JobId): Job | null {
    const row = this.db.get<Row>("SELECT data FROM jobs WHERE id = $id", { id });
    return row ? decodeJson(Job, row.data, `job ${id}`) : null;
  }

  /** Jobs, oldest first; filtered by workspace or goal when given. */
  list(filter: { workspaceId?: WorkspaceId; goalId?: GoalId } = {}): Job[] {
    let rows: Row[];
    if (filter.goalId) rows = this.db.all<Row>("SELECT data FROM jobs WHERE goal_id = $goalId ORDER BY created_at, id", { goalId: filter.goalId });
    else if (filter.workspaceId) rows = this.db.all<Row>("SELECT data FROM jobs WHERE workspace_id = $workspaceId ORDER BY created_at, id", { workspaceId: filter.workspaceId });
    else rows = this.db.all<Row>("SELECT data FROM jobs ORDER BY created_at, id");
    return rows.map((row) => decodeJson(Job, row.data, "job"));
  }

  /** Applies `change` to the stored job and writes it back (`isQuiet` keeps `updatedAt`, for scheduler bookkeeping). */
  update(id: JobId, change: (job: Job) => Job, isQuiet = false): Job {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (!current) throw notFound("job", id);
      const next: Job = { ...change(current), id, updatedAt: isQuiet ? current.updatedAt : this.now() };
      this.write(next);
      return next;
    });
  }

  /** Writes a whole job (inside a caller's transaction). */
  write(job: Job): void {
    this.db.run("UPDATE jobs SET goal_id = $goalId, next_fire_at = $next, data = $data, updated_at = $at WHERE id = $id", {
      id: job.id,
      goalId: job.goalId,
      next: job.nextFireAt,
      data: JSON.stringify(job),
      at: job.updatedAt,
    });
  }

  delete(id: JobId): void {
    this.db.run("DELETE FROM jobs WHERE id = $id", { id });
  }
}

import { newId, type ConversationId, type JobId, type RunId, type WorkspaceId } from "../../shared/ids.ts";
import { Run, RunLogEntry, type RunStatus } from "../../shared/protocol/jobs.ts";
import type { Clock, Db } from "./db.ts";
import { RUNS_OF_WORKSPACE } from "./workspace-holdings.ts";
import { decodeJson, decodeRow, notFound } from "./errors.ts";

type Row = { data: string };
export type NewRun = Omit<Run, "id" | "queuedAt" | "status" | "sessionId" | "conversationId" | "startedAt" | "endedAt" | "deadlineAt" | "interruptedAt" | "error" | "summary" | "costUsd" | "isResumable">;

/** Runs of jobs and their logs. A scheduled run's `fireKey` makes its fire claimable once. */
export class RunRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /** Queues a run; null when `fireKey` was claimed before (the fire already has its run). */
  create(input: NewRun, fireKey: string | null = null): Run | null {
    const run: Run = {
      ...input,
      id: newId("run") as RunId,
      status: "queued",
      queuedAt: this.now(),
      sessionId: null,
      conversationId: null,
      startedAt: null,
      endedAt: null,
      deadlineAt: null,
      interruptedAt: null,
      error: null,
      summary: null,
      costUsd: null,
      isResumable: false,
    };
    const changes = this.db.run(
      "INSERT INTO runs (id, job_id, status, fire_key, queued_at, data) VALUES ($id, $jobId, $status, $fireKey, $at, $data) ON CONFLICT (fire_key) DO NOTHING",
      { id: run.id, jobId: run.jobId, status: run.status, fireKey, at: run.queuedAt, data: JSON.stringify(run) },
    );
    return changes.changes === 1 ? run : null;
  }

  get(id: RunId): Run | null {
    const row = this.db.get<Row>("SELECT data FROM runs WHERE id = $id", { id });
    return row ? decodeJson(Run, row.data, `run ${id}`) : null;
  }

  /** A job's runs, newest first; with `before`, only those queued before that run (the next page of its history). */
  listForJob(jobId: JobId, limit = 50, before: RunId | null = null): Run[] {
    const older = before ? "AND (queued_at, rowid) < (SELECT queued_at, rowid FROM runs WHERE id = $before)" : "";
    return this.db
      .all<Row>(`SELECT data FROM runs WHERE job_id = $jobId ${older} ORDER BY queued_at DESC, rowid DESC LIMIT $limit`, { jobId, limit, ...(before ? { before } : {}) })
      .map((r) => decodeJson(Run, r.data, "run"));
  }

  /** The runs of a job that took place in `conversationId` (its first run, and the resumes of it), newest first. */
  listForConversation(jobId: JobId, conversationId: ConversationId): Run[] {
    return this.db
      .all<Row>("SELECT data FROM runs WHERE job_id = $jobId AND json_extract(data, '$.conversationId') = $conversationId ORDER BY queued_at DESC, rowid DESC", { jobId, conversationId })
      .map((r) => decodeJson(Run, r.data, "run"));
  }

  /** How many runs each job has (deleted jobs included), by job id. */
  countByJob(jobId: JobId | null = null): Record<string, number> {
    const rows = jobId
      ? this.db.all<{ jobId: string; count: number }>("SELECT job_id AS jobId, COUNT(*) AS count FROM runs WHERE job_id = $jobId GROUP BY job_id", { jobId })
      : this.db.all<{ jobId: string; count: number }>("SELECT job_id AS jobId, COUNT(*) AS count FROM runs GROUP BY job_id");
    return Object.fromEntries(rows.map((row) => [row.jobId, row.count]));
  }

  /** Runs in any of these states, oldest first. */
  listByStatus(statuses: readonly RunStatus[]): Run[] {
    const placeholders = statuses.map((_, i) => `$s${i}`).join(", ");
    const params = Object.fromEntries(statuses.map((s, i) => [`s${i}`, s]));
    return this.db.all<Row>(`SELECT data FROM runs WHERE status IN (${placeholders}) ORDER BY queued_at, rowid`, params).map((r) => decodeJson(Run, r.data, "run"));
  }

  /**
   * The newest `perJob` runs of each job (the inbox and the Jobs screen), newest first. Per job, not overall: a busy
   * job's runs must not push a quiet job's out of the list (its card read "No runs yet", its failure left Home). Runs
   * not yet ended are always in it (a resumed run keeps the place in the queue of its first start).
   */
  listRecent(perJob = 10): Run[] {
    return this.db
      .all<Row>(
        `SELECT data FROM (SELECT data, queued_at, rowid AS at_row, ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY queued_at DESC, rowid DESC) AS place, status FROM runs)
         WHERE place <= $perJob OR status IN ('queued', 'running', 'waiting') ORDER BY queued_at DESC, at_row DESC`,
        { perJob },
      )
      .map((r) => decodeJson(Run, r.data, "run"));
  }

  /** Applies `change` to the stored run and writes it back. */
  update(id: RunId, change: (run: Run) => Run): Run {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (!current) throw notFound("run", id);
      const next = { ...change(current), id };
      this.db.run("UPDATE runs SET status = $status, data = $data WHERE id = $id", { id, status: next.status, data: JSON.stringify(next) });
      return next;
    });
  }

  appendLog(runId: RunId, level: RunLogEntry["level"], text: string): void {
    this.db.run("INSERT INTO run_logs (run_id, at, level, text) VALUES ($runId, $at, $level, $text)", { runId, at: this.now(), level, text: text.slice(0, 4_000) });
  }

  /**
   * Deletes every run of the workspace's jobs (deleted jobs' too, as its holdings count them) with their logs; answers
   * how many runs went. Call it before deleting the jobs' rows: a job without a row is found through its runs.
   */
  deleteOfWorkspace(id: WorkspaceId): number {
    return this.db.transaction(() => {
      this.db.run(`${RUNS_OF_WORKSPACE} DELETE FROM run_logs WHERE run_id IN (SELECT id FROM runs WHERE job_id IN run_job_ids)`, { id });
      return this.db.run(`${RUNS_OF_WORKSPACE} DELETE FROM runs WHERE job_id IN run_job_ids`, { id }).changes;
    });
  }

  logs(runId: RunId): RunLogEntry[] {
    return this.db.all<unknown>("SELECT at, level, text FROM run_logs WHERE run_id = $runId ORDER BY id", { runId }).map((row) => decodeRow(RunLogEntry, row, `log of ${runId}`));
  }
}

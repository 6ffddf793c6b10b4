import { afterEach, describe, expect, it } from "vitest";
import type { JobId, WorkspaceId } from "../../shared/ids.ts";
import { openTempDb, type TempDb } from "./test-support.ts";

describe("claiming fires", () => {
  let t: TempDb;
  afterEach(() => t.cleanup());

  const newJob = (db: TempDb) =>
    db.repos.jobs.create({
      workspaceId: "wsp_abcdefgh" as WorkspaceId,
      goalId: null,
      name: "Nightly",
      prompt: "do it",
      mode: "worktree",
      sessionId: null,
      baseBranch: null,
      model: null,
      permissionMode: "default",
      maxBudgetUsd: null,
      schedule: { kind: "interval", every: 1, unit: "hours" },
      missedPolicy: "run_once",
      priority: "normal",
      timeoutMinutes: 30,
      maxRetries: 3,
      isCorrectiveEnabled: true,
      isEnabled: true,
      nextFireAt: 5_000,
    });
  const runOf = (jobId: JobId) => ({ jobId, goalId: null, workspaceId: "wsp_abcdefgh" as WorkspaceId, jobName: "Nightly", trigger: "schedule" as const, scheduledFor: 5_000, priority: "normal" as const, retries: 0, notBefore: null, previousRunId: null });

  it("a fire is claimed once, even after the database is reopened (a restart)", () => {
    t = openTempDb();
    const job = newJob(t);
    const first = t.repos.scheduler.claimFire(job.id, `${job.id}@5000`, runOf(job.id), { nextFireAt: 3_605_000 }, 5_000);
    expect(first?.status).toBe("queued");
    expect(t.repos.jobs.get(job.id)).toMatchObject({ nextFireAt: 3_605_000, lastFireAt: 5_000 });
    t = t.reopen();
    expect(t.repos.scheduler.claimFire(job.id, `${job.id}@5000`, runOf(job.id), { nextFireAt: 3_605_000 }, 5_000)).toBeNull();
    expect(t.repos.runs.listForJob(job.id)).toHaveLength(1);
  });

  it("a skipped fire moves the job on without a run; the last tick time survives a reopen", () => {
    t = openTempDb();
    const job = newJob(t);
    expect(t.repos.scheduler.claimFire(job.id, `${job.id}@5000`, null, { nextFireAt: 3_605_000 }, 9_000)).toBeNull();
    expect(t.repos.jobs.get(job.id)).toMatchObject({ nextFireAt: 3_605_000, lastFireAt: null });
    t.repos.scheduler.setLastTickAt(42);
    t = t.reopen();
    expect(t.repos.scheduler.lastTickAt()).toBe(42);
    expect(t.repos.runs.listForJob(job.id)).toEqual([]);
  });
});

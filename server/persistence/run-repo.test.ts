import { afterEach, describe, expect, it } from "vitest";
import { newId, type ConversationId, type JobId, type WorkspaceId } from "../../shared/ids.ts";
import type { Run } from "../../shared/protocol/jobs.ts";
import { RunRepo } from "./run-repo.ts";
import { openTempDb, type TempDb } from "./test-support.ts";

/** Reading the run history: each job's newest runs for the lists, and one job's history a page at a time. */
let t: TempDb;
afterEach(() => t.cleanup());

const JOB_A = newId("job") as JobId;
const JOB_B = newId("job") as JobId;

/** A run repository whose clock moves a minute per run queued, and `queue(jobId, n)` to add n runs of a job. */
function runRepo() {
  t = openTempDb();
  let clock = 0;
  const runs = new RunRepo(t.db, () => (clock += 60_000));
  const queue = (jobId: JobId, count: number, status: Run["status"] = "succeeded"): Run[] =>
    Array.from({ length: count }, () => {
      const run = runs.create({ jobId, goalId: null, workspaceId: "wsp_abcdefgh" as WorkspaceId, jobName: jobId, trigger: "schedule", scheduledFor: clock, priority: "normal", retries: 0, notBefore: null, previousRunId: null });
      if (!run) throw new Error("not queued");
      return status === "queued" ? run : runs.update(run.id, (r) => ({ ...r, status }));
    });
  return { runs, queue };
}

describe("the lists' runs", () => {
  it("hold each job's newest runs, so a busy job does not push a quiet job's runs out", () => {
    const { runs, queue } = runRepo();
    const quiet = queue(JOB_A, 2, "failed");
    queue(JOB_B, 300);
    const listed = runs.listRecent(10);
    expect(listed.filter((run) => run.jobId === JOB_A).map((run) => run.id)).toEqual(quiet.map((run) => run.id).reverse());
    expect(listed.filter((run) => run.jobId === JOB_B)).toHaveLength(10);
    expect(listed.map((run) => run.queuedAt)).toEqual(listed.map((run) => run.queuedAt).sort((a, b) => b - a));
    expect(runs.countByJob()).toEqual({ [JOB_A]: 2, [JOB_B]: 300 });
    expect(runs.countByJob(JOB_A)).toEqual({ [JOB_A]: 2 });
  });

  it("always hold a run not yet ended, however many ran after it was first queued (a resumed run keeps its place)", () => {
    const { runs, queue } = runRepo();
    const [resumed] = queue(JOB_A, 1, "queued");
    queue(JOB_A, 12);
    expect(runs.listRecent(10).map((run) => run.id)).toContain(resumed!.id);
  });
});

describe("a job's history, a page at a time", () => {
  it("goes back from the oldest run shown to the job's first, each run once", () => {
    const { runs, queue } = runRepo();
    const all = queue(JOB_A, 45).reverse();
    queue(JOB_B, 5);
    const first = runs.listForJob(JOB_A, 20);
    const second = runs.listForJob(JOB_A, 20, first.at(-1)!.id);
    const third = runs.listForJob(JOB_A, 20, second.at(-1)!.id);
    expect([...first, ...second, ...third].map((run) => run.id)).toEqual(all.map((run) => run.id));
    expect(third).toHaveLength(5);
    expect(runs.listForJob(JOB_A, 20, third.at(-1)!.id)).toEqual([]);
  });

  it("orders runs queued in the same millisecond by when they were stored", () => {
    t = openTempDb();
    const runs = new RunRepo(t.db, () => 5_000);
    const queued = Array.from({ length: 4 }, () => runs.create({ jobId: JOB_A, goalId: null, workspaceId: "wsp_abcdefgh" as WorkspaceId, jobName: "A", trigger: "manual", scheduledFor: 5_000, priority: "normal", retries: 0, notBefore: null, previousRunId: null })!);
    const page = runs.listForJob(JOB_A, 2, queued[2]!.id);
    expect(page.map((run) => run.id)).toEqual([queued[1]!.id, queued[0]!.id]);
  });
});

describe("a conversation's run", () => {
  it("is found among its job's history however old it is (the lists hold each job's newest only)", () => {
    const { runs, queue } = runRepo();
    const [old] = queue(JOB_A, 1);
    const conversationId = newId("conversation") as ConversationId;
    runs.update(old!.id, (r) => ({ ...r, conversationId }));
    queue(JOB_A, 60);
    expect(runs.listRecent(10).some((run) => run.id === old!.id)).toBe(false);
    expect(runs.listForConversation(JOB_A, conversationId).map((run) => run.id)).toEqual([old!.id]);
    expect(runs.listForConversation(JOB_B, conversationId)).toEqual([]);
  });
});

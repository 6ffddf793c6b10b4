import { describe, expect, it } from "vitest";
import type { Run } from "../../../../shared/index.ts";
import { poolWords, queuedReason } from "./queued-reason.ts";

const run = (id: string, jobId: string, status: Run["status"]) => ({ id, jobId, status }) as unknown as Run;
const QUEUED = run("run_q", "job_break", "queued");

describe("queuedReason", () => {
  it("names the job's own run under way first: runs of one job never run side by side", () => {
    const ahead = run("run_a", "job_break", "waiting");
    expect(queuedReason(QUEUED, [QUEUED, run("run_b", "job_other", "running"), ahead], 1)).toEqual({ kind: "job", ahead });
  });

  it("names the pool when other jobs' runs fill every slot (a queued Run now said only 'Queued')", () => {
    const others = [run("run_b", "job_other", "running"), run("run_c", "job_third", "running")];
    expect(queuedReason(QUEUED, [QUEUED, ...others], 2)).toEqual({ kind: "pool", busy: 2, concurrency: 2 });
    expect(queuedReason(QUEUED, [QUEUED, others[0]!], 1)).toEqual({ kind: "pool", busy: 1, concurrency: 1 });
  });

  it("does not count another job's run waiting for you: it holds no slot, as the scheduler starts runs", () => {
    const waiting = run("run_w", "job_other", "waiting");
    expect(queuedReason(QUEUED, [QUEUED, waiting], 1)).toBeNull();
    expect(queuedReason(QUEUED, [QUEUED, waiting, run("run_c", "job_third", "running")], 1)).toEqual({ kind: "pool", busy: 1, concurrency: 1 });
  });

  it("says nothing while a slot is free, the limit is unknown, or the run is not queued", () => {
    const other = run("run_b", "job_other", "running");
    expect(queuedReason(QUEUED, [QUEUED, other], 2)).toBeNull();
    expect(queuedReason(QUEUED, [QUEUED, other], null)).toBeNull();
    expect(queuedReason(QUEUED, [QUEUED, run("run_d", "job_other", "succeeded")], 1)).toBeNull();
    expect(queuedReason(run("run_r", "job_break", "running"), [other], 1)).toBeNull();
  });
});

describe("poolWords", () => {
  it("says what holds the run and which setting sets the limit, in singular and plural", () => {
    expect(poolWords({ busy: 1, concurrency: 1 })).toBe("1 run of another job is under way and ChatML runs 1 job run at a time (Settings › Job runs at once): it starts when that run ends.");
    expect(poolWords({ busy: 3, concurrency: 3 })).toBe("3 runs of other jobs are under way and ChatML runs 3 job runs at a time (Settings › Job runs at once): it starts when one of them ends.");
  });
});

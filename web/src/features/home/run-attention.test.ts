import { describe, expect, it } from "vitest";
import type { Job, Run } from "../../../../shared/index.ts";
import { selectAttention } from "./attention-queue.tsx";

const run = (id: string, jobId: string, status: Run["status"], queuedAt: number, conversationId: string | null = null): Run => ({
  id: `run_${id}xxxxxx`, jobId: `job_${jobId}xxxxxx`, goalId: null, workspaceId: "wsp_xxxxxxxx", jobName: `Job ${jobId}`, trigger: "schedule", scheduledFor: queuedAt, priority: "normal", retries: 0,
  status, sessionId: null, conversationId, queuedAt, notBefore: null, startedAt: queuedAt, endedAt: null, deadlineAt: null, interruptedAt: null, error: null, summary: null, costUsd: null, previousRunId: null, isResumable: false,
}) as Run;

describe("the inbox", () => {
  it("puts runs waiting for you first, then failed and timed-out runs, then running ones; one item per job", () => {
    const runs = [run("a", "1", "running", 10), run("b", "2", "failed", 20), run("c", "3", "waiting", 5), run("d", "4", "timed_out", 30), run("e", "5", "succeeded", 40), run("f", "2", "failed", 1)];
    const items = selectAttention({ conversations: {}, sessions: {}, runs: Object.fromEntries(runs.map((r) => [r.id, r])) });
    expect(items.map((item) => [item.run?.jobName, item.rank])).toEqual([["Job 3", 0], ["Job 4", 1], ["Job 2", 1], ["Job 1", 2]]);
  });

  it("leaves out the failure of a job deleted since (nothing would ever take it off), but not a run still waiting for you", () => {
    const runs = [run("a", "1", "failed", 10), run("b", "2", "failed", 20), run("c", "3", "waiting", 30)];
    const jobs = { [`job_1xxxxxx`]: { id: "job_1xxxxxx" } } as unknown as Record<string, Job>;
    const items = selectAttention({ conversations: {}, sessions: {}, runs: Object.fromEntries(runs.map((r) => [r.id, r])), jobs });
    expect(items.map((item) => item.run?.jobName)).toEqual(["Job 3", "Job 1"]);
  });

  it("a failed run followed by its retry is no longer listed as failed", () => {
    const runs = [run("a", "1", "failed", 10), run("b", "1", "running", 20)];
    const items = selectAttention({ conversations: {}, sessions: {}, runs: Object.fromEntries(runs.map((r) => [r.id, r])) });
    expect(items.map((item) => item.label)).toEqual(["Running"]);
  });
});

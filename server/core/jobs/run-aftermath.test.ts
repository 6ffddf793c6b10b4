import { afterEach, describe, expect, it } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import type { Run } from "../../../shared/protocol/jobs.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shot-cli.ts";
import { JobService } from "./job-service.ts";
import { RunAftermath } from "./run-aftermath.ts";

/** What happens after a run ends, when ChatML stops while its summary is still being written. */
let t: TempDb;
afterEach(() => t?.cleanup());

/** A job and one of its runs that ended failed with `error` in a conversation, and an aftermath whose summaries use `oneShot`. */
function failedRun(error: string, oneShot: OneShot): { aftermath: RunAftermath; run: Run } {
  t = openTempDb();
  const { workspace, session, conversation } = seedConversation(t.repos);
  const deps = { repos: t.repos, bus: new EventBus(), now: Date.now };
  const jobs = new JobService({ ...deps, poke: () => undefined });
  const job = t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, goalId: null, name: "Nightly", prompt: "Tidy up", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
  const queued = t.repos.runs.create({ jobId: job.id, goalId: null, workspaceId: workspace.id, jobName: job.name, trigger: "schedule", scheduledFor: Date.now(), priority: "normal", retries: 0, notBefore: null, previousRunId: null });
  if (!queued) throw new Error("no run");
  const now = Date.now();
  const run = t.repos.runs.update(queued.id, (r) => ({ ...r, status: "failed", sessionId: session.id, conversationId: conversation.id, startedAt: now - 60_000, endedAt: now, error }));
  return { aftermath: new RunAftermath({ ...deps, jobs, oneShot, poke: () => undefined }), run };
}

describe("run aftermath across a stop", () => {
  it("gives up a summary still being written when ChatML stops, and still stores the retry before the database closes", async () => {
    const { aftermath, run } = failedRun("API Error: 529 Overloaded", () => new Promise<string>(() => undefined));
    aftermath.handle({ run, resultText: null, isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.stop();
    const retry = t.repos.runs.listForJob(run.jobId).find((r) => r.previousRunId === run.id);
    expect(retry).toMatchObject({ status: "queued", trigger: "retry", retries: 1 });
    expect(t.repos.runs.logs(run.id).map((entry) => entry.text)).toEqual(expect.arrayContaining(["No summary: ChatML stopped before it was written.", expect.stringMatching(/^Retrying in \d+ s \(transient\)\.$/)]));
  });

  it("keeps a summary written before the stop", async () => {
    const { aftermath, run } = failedRun("API Error: 529 Overloaded", async () => "It hit an overloaded API.");
    aftermath.handle({ run, resultText: "partial", isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    await aftermath.stop();
    expect(t.repos.runs.get(run.id)?.summary).toBe("It hit an overloaded API.");
  });
});

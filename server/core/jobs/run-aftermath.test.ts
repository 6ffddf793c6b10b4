import { afterEach, describe, expect, it } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import type { Run } from "../../../shared/protocol/jobs.ts";
import { assistantMessage, openTempDb, seedConversation, textPart, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { JobService } from "./job-service.ts";
import { RunAftermath } from "./run-aftermath.ts";

/** What happens after a run ends, when ChatML stops while its summary is still being written. */
let t: TempDb;
afterEach(() => t?.cleanup());

/** A job and one of its runs that ended failed with `error` in a conversation, and an aftermath whose summaries use `oneShot`. */
function failedRun(error: string, oneShot: OneShot): { aftermath: RunAftermath; run: Run } {
  return endedRun("failed", error, oneShot);
}

function endedRun(status: Run["status"], error: string | null, oneShot: OneShot): { aftermath: RunAftermath; run: Run } {
  t = openTempDb();
  const { workspace, session, conversation } = seedConversation(t.repos);
  const deps = { repos: t.repos, bus: new EventBus(), now: Date.now };
  const jobs = new JobService({ ...deps, poke: () => undefined });
  const job = t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, goalId: null, name: "Nightly", prompt: "Tidy up", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
  const queued = t.repos.runs.create({ jobId: job.id, goalId: null, workspaceId: workspace.id, jobName: job.name, trigger: "schedule", scheduledFor: Date.now(), priority: "normal", retries: 0, notBefore: null, previousRunId: null });
  if (!queued) throw new Error("no run");
  const now = Date.now();
  const run = t.repos.runs.update(queued.id, (r) => ({ ...r, status, sessionId: session.id, conversationId: conversation.id, startedAt: now - 60_000, endedAt: now, error }));
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

describe("a run that fails while another run of its job waits to start", () => {
  /** A run of the same job queued while the failed one ran (a due fire, or Run now), as the scheduler stores one. */
  function waitingRun(run: Run, trigger: "schedule" | "manual"): Run {
    const waiting = t.repos.runs.create({ jobId: run.jobId, goalId: null, workspaceId: run.workspaceId, jobName: run.jobName, trigger, scheduledFor: Date.now(), priority: "normal", retries: 0, notBefore: null, previousRunId: null });
    if (!waiting) throw new Error("no run");
    return waiting;
  }

  it("makes the waiting run its retry, so the job keeps one run waiting, not two", async () => {
    const { aftermath, run } = failedRun("API Error: 529 Overloaded", async () => "It hit an overloaded API.");
    const waiting = waitingRun(run, "schedule");
    aftermath.handle({ run, resultText: null, isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    expect(t.repos.runs.listForJob(run.jobId).map((r) => r.id).sort()).toEqual([run.id, waiting.id].sort());
    expect(t.repos.runs.get(waiting.id)).toMatchObject({ status: "queued", trigger: "retry", retries: 1, previousRunId: run.id, notBefore: expect.any(Number) });
    expect(t.repos.runs.logs(run.id).map((entry) => entry.text)).toContainEqual(expect.stringContaining(`The run already waiting to start (${waiting.id}) is that retry`));
    expect(t.repos.runs.logs(waiting.id).map((entry) => entry.text)).toEqual([`Became the retry of run ${run.id}, which failed while this one waited.`]);
  });

  it("keeps a run the user asked for free of the retry's backoff", async () => {
    const { aftermath, run } = failedRun("API Error: 529 Overloaded", async () => "It hit an overloaded API.");
    const waiting = waitingRun(run, "manual");
    aftermath.handle({ run, resultText: null, isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    expect(t.repos.runs.listForJob(run.jobId)).toHaveLength(2);
    expect(t.repos.runs.get(waiting.id)).toMatchObject({ trigger: "retry", retries: 1, previousRunId: run.id, notBefore: null });
  });
});

describe("a run that fails after its job or goal was paused", () => {
  it("is not retried: the pause holds, and its log says why", async () => {
    const { aftermath, run } = failedRun("API Error: 529 Overloaded", async () => "It hit an overloaded API.");
    t.repos.jobs.update(run.jobId, (job) => ({ ...job, isEnabled: false }));
    aftermath.handle({ run, resultText: null, isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    expect(t.repos.runs.listForJob(run.jobId).map((r) => r.id)).toEqual([run.id]);
    expect(t.repos.runs.logs(run.id).map((entry) => entry.text)).toContain("No retry or corrective run: the job is paused. Resume it to let it run again.");
  });

  it("is not retried while its goal is paused", async () => {
    const { aftermath, run } = failedRun("API Error: 529 Overloaded", async () => "It hit an overloaded API.");
    const goal = t.repos.goals.create({ workspaceId: run.workspaceId, title: "Tidy", description: "" });
    t.repos.goals.update(goal.id, (g) => ({ ...g, status: "paused" }));
    t.repos.jobs.update(run.jobId, (job) => ({ ...job, goalId: goal.id }));
    aftermath.handle({ run, resultText: null, isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    expect(t.repos.runs.listForJob(run.jobId).map((r) => r.id)).toEqual([run.id]);
    expect(t.repos.runs.logs(run.id).map((entry) => entry.text)).toContain("No retry or corrective run: its goal is paused. Resume it to let it run again.");
  });
});

describe("writing a run's summary again", () => {
  it("writes the summary that failed at the run's end from the conversation's last answer, and refuses clearly what it cannot do", async () => {
    const prompts: string[] = [];
    let failure: string | null = "429 rate limited";
    const { aftermath, run } = endedRun("succeeded", null, async (prompt) => {
      prompts.push(prompt);
      if (failure) throw new Error(failure);
      return "  It tidied the README.  ";
    });
    const message = assistantMessage([textPart("Tidied the README:"), textPart("fixed two links.")]);
    t.repos.events.appendBatch(run.conversationId!, [{ type: "message.created", message }], 1);
    aftermath.handle({ run, resultText: "Tidied the README", isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    expect(t.repos.runs.get(run.id)?.summary).toBeNull();
    expect(t.repos.runs.logs(run.id).map((entry) => entry.text)).toContain("No summary: 429 rate limited");

    await expect(aftermath.summarizeAgain(run.id)).rejects.toMatchObject({ code: "upstream_unavailable", message: "No summary could be written: 429 rate limited" });
    failure = null;
    const again = await aftermath.summarizeAgain(run.id);
    expect(again.summary).toBe("It tidied the README.");
    expect(t.repos.runs.get(run.id)?.summary).toBe("It tidied the README.");
    expect(prompts.at(-1)).toContain("<answer>\nTidied the README:\nfixed two links.\n</answer>");

    const active = t.repos.runs.create({ jobId: run.jobId, goalId: null, workspaceId: run.workspaceId, jobName: run.jobName, trigger: "manual", scheduledFor: Date.now(), priority: "normal", retries: 0, notBefore: null, previousRunId: null });
    await expect(aftermath.summarizeAgain(active!.id)).rejects.toMatchObject({ code: "conflict", message: "The run has not ended: its summary is written when it does." });
    await expect(aftermath.summarizeAgain("run_missing" as Run["id"])).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a second request while a summary is being written, and keeps the old summary when the new one fails", async () => {
    const answer = Promise.withResolvers<string>();
    const { aftermath, run } = endedRun("failed", "boom", () => answer.promise);
    t.repos.runs.update(run.id, (r) => ({ ...r, summary: "The first summary." }));
    const writing = aftermath.summarizeAgain(run.id);
    await expect(aftermath.summarizeAgain(run.id)).rejects.toMatchObject({ code: "conflict", message: "The summary is being written already." });
    answer.resolve("   ");
    await expect(writing).rejects.toMatchObject({ message: "No summary could be written: the model answered with nothing." });
    expect(t.repos.runs.get(run.id)?.summary).toBe("The first summary.");
  });
});

describe("a run's summary with AI summaries off", () => {
  it("is put together from the run's ending and final answer, with no model asked, and says so", async () => {
    const prompts: string[] = [];
    const { aftermath, run } = endedRun("failed", "Exit 1: tests failed", async (prompt) => {
      prompts.push(prompt);
      return "A model's summary.";
    });
    t.repos.settings.set("aiSummaries", false);
    aftermath.handle({ run, resultText: "Ran the tests:\n\n  two failed.", isSetupFailure: false, shouldPauseJob: false, isBudgetStop: false });
    await aftermath.settled();
    expect(t.repos.runs.get(run.id)?.summary).toBe("From what is stored (AI summaries are off): It failed: Exit 1: tests failed. Its final answer: “Ran the tests: two failed.”");
    // Written again, from the conversation's last answer (none here), still without a model.
    expect((await aftermath.summarizeAgain(run.id)).summary).toBe("From what is stored (AI summaries are off): It failed: Exit 1: tests failed. It gave no final answer.");
    expect(prompts).toEqual([]);
    // On again: the model writes it.
    t.repos.settings.set("aiSummaries", true);
    expect((await aftermath.summarizeAgain(run.id)).summary).toBe("A model's summary.");
  });
});

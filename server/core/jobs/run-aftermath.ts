import type { ConversationId, RunId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Job, Run } from "../../../shared/protocol/jobs.ts";
import { classifyFailure, decideAfterFailure, decideFollowUp, FAST_EXIT_MS, type BackoffOptions } from "../../scheduler/index.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import type { JobService } from "./job-service.ts";
import { publishJobs, toQueuedRun, type JobsDeps } from "./jobs-context.ts";
import { CLI_EXIT_PREFIX, type RunEnding } from "./run-executor.ts";
import { messageOf } from "../../../shared/error-message.ts";
import { oneLine } from "../../../shared/one-line.ts";

/** Tells the test API (and a reader of logs) that this one-shot call writes a summary. */
export const SUMMARY_MARKER = "[chatml:summary]";

export type AftermathDeps = JobsDeps & { oneShot: OneShot; jobs: JobService; backoff?: BackoffOptions; poke(): void };

/**
 * What happens after a run ends: a short summary (one-shot call on a small model) kept with the run; then, for a
 * failed or timed-out run, a retry after backoff, a corrective run, or pausing a job that exits at once every time.
 */
export class RunAftermath {
  private readonly pending = new Set<Promise<void>>();
  /** Resolves when ChatML stops: a summary still being written is given up, so the follow-up is stored before the database closes. */
  private readonly stopping = Promise.withResolvers<void>();
  /** Runs whose summary is being written now (after the run, or again on request). */
  private readonly writing = new Set<RunId>();

  constructor(private readonly deps: AftermathDeps) {}

  /** Handles one ended run (in the background). */
  handle(ending: RunEnding): void {
    const work = this.process(ending).catch((error: unknown) => console.error(`[jobs] after run ${ending.run.id}:`, error));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    this.deps.poke();
  }

  /** Resolves when every ended run has its summary and follow-up (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /**
   * Shutdown: summaries still being written are given up (noted in the run's log) and every ended run's follow-up
   * (retry, corrective run, pause) is stored before this resolves; a run that failed just before a stop is still
   * retried after the restart.
   */
  async stop(): Promise<void> {
    this.stopping.resolve();
    await this.settled();
  }

  private async process(ending: RunEnding): Promise<void> {
    const run = ending.isSetupFailure || ending.run.status === "cancelled" ? ending.run : await this.summarize(ending);
    if (run.status !== "failed" && run.status !== "timed_out") return;
    if (ending.shouldPauseJob) return void this.pause(run, run.error ?? "The job cannot run.");
    if (ending.isSetupFailure) return;
    if (ending.isBudgetStop) return void this.deps.repos.runs.appendLog(run.id, "info", "Its budget stopped it: no retry or corrective run (they would spend more). Raise the job's budget to let it finish.");
    const job = this.deps.repos.jobs.get(run.jobId);
    if (!job || run.isResumable) return;
    // Paused (or its goal paused) while this run went on: a retry or corrective run would run it again all the same.
    const pausedBy = this.pausedBy(job);
    if (pausedBy) return void this.deps.repos.runs.appendLog(run.id, "info", `No retry or corrective run: ${pausedBy}. Resume it to let it run again.`);
    const duration = (run.endedAt ?? 0) - (run.startedAt ?? 0);
    const kind = run.status === "timed_out" ? "permanent" : classifyFailure(run.error ?? "", duration, didExit(run));
    const decision = decideAfterFailure(
      { kind, retries: run.retries, maxRetries: job.maxRetries, fastExitsInARow: this.fastExitsInARow(run), isCorrectiveEnabled: job.isCorrectiveEnabled, isCorrective: run.trigger === "corrective" },
      this.deps.backoff,
    );
    if (decision.action === "retry") this.queueFollowUp(run, "retry", run.retries + 1, this.deps.now() + decision.delayMs, `Retrying in ${Math.round(decision.delayMs / 1000)} s (${kind}).`);
    else if (decision.action === "corrective") this.queueFollowUp(run, "corrective", 0, null, "Queued a corrective run with this run's summary and error.");
    else if (decision.action === "pause_job") this.pause(run, decision.reason);
    else this.deps.repos.runs.appendLog(run.id, "info", decision.reason);
  }

  /**
   * Writes an ended run's summary again: one that could not be written (only a line in the run's log says so) or one
   * that says too little. The prompt takes the conversation's last answer, as the first attempt took the turn's result.
   * Resolves with the run and its new summary; a summary that cannot be written is a clear error, and the old one stays.
   */
  async summarizeAgain(id: RunId): Promise<Run> {
    const run = this.deps.repos.runs.get(id);
    if (!run) throw new AppError("not_found", `Run ${id} does not exist.`);
    if (ACTIVE_STATUSES.has(run.status)) throw new AppError("conflict", "The run has not ended: its summary is written when it does.");
    if (!run.conversationId) throw new AppError("conflict", "This run never started a conversation: there is nothing to summarise.");
    if (this.writing.has(id)) throw new AppError("conflict", "The summary is being written already.");
    const written = await this.write(run, lastAnswer(this.deps, run.conversationId));
    if (typeof written === "string") throw new AppError("upstream_unavailable", `No summary could be written: ${written}`);
    return written;
  }

  private async summarize(ending: RunEnding): Promise<Run> {
    const written = await this.write(ending.run, ending.resultText);
    return typeof written === "string" ? ending.run : written;
  }

  /** Writes and stores the run's summary; on failure notes why in the run's log and returns the reason. */
  private async write(run: Run, answerText: string | null): Promise<Run | string> {
    const workspace = this.deps.repos.workspaces.get(run.workspaceId);
    const session = run.sessionId ? this.deps.repos.sessions.get(run.sessionId) : null;
    const cwd = session?.cwd ?? workspace?.path;
    if (!cwd || !run.conversationId) return "the run has no folder or conversation left.";
    if (!this.deps.repos.settings.get().aiSummaries) return this.save(run.id, (r) => ({ ...r, summary: runSummaryFromFacts(run, answerText) }));
    const prompt = [
      `${SUMMARY_MARKER} Summarise in two or three plain sentences what this scheduled run of "${run.jobName}" did and how it ended.`,
      `It ended: ${run.status}${run.error ? ` (${run.error})` : ""}.`,
      `Its final answer was:\n<answer>\n${(answerText ?? "(none)").slice(0, 8_000)}\n</answer>`,
    ].join("\n");
    this.writing.add(run.id);
    try {
      const answer = await Promise.race([this.deps.oneShot(prompt, { cwd, model: "haiku" }), this.stopping.promise.then(() => null)]);
      if (answer === null) {
        this.deps.repos.runs.appendLog(run.id, "warn", "No summary: ChatML stopped before it was written.");
        return "ChatML stopped before it was written.";
      }
      const summary = answer.trim().slice(0, 2_000);
      if (summary === "") {
        this.deps.repos.runs.appendLog(run.id, "warn", "No summary: the model answered with nothing.");
        return "the model answered with nothing.";
      }
      return this.save(run.id, (r) => ({ ...r, summary }));
    } catch (error) {
      this.deps.repos.runs.appendLog(run.id, "warn", `No summary: ${messageOf(error)}`);
      return messageOf(error);
    } finally {
      this.writing.delete(run.id);
    }
  }

  /** Why the job may not run now ("the job is paused", "its goal is paused"), or null when it may. */
  private pausedBy(job: Job): string | null {
    if (!job.isEnabled) return "the job is paused";
    if (this.deps.jobs.isActive(job)) return null;
    const goal = job.goalId ? this.deps.repos.goals.get(job.goalId) : null;
    return `its goal is ${goal?.status ?? "gone"}`;
  }

  /** Fast exits in a row among the job's latest ended runs (this one included). */
  private fastExitsInARow(run: Run): number {
    let count = 0;
    for (const other of this.deps.repos.runs.listForJob(run.jobId, 20)) {
      if (ACTIVE_STATUSES.has(other.status)) continue;
      const duration = (other.endedAt ?? 0) - (other.startedAt ?? 0);
      if (other.status !== "failed" || classifyFailure(other.error ?? "", duration, didExit(other)) !== "fast_exit" || duration >= FAST_EXIT_MS) break;
      count++;
    }
    return count;
  }

  /** Carries out {@link decideFollowUp}: the run already waiting becomes the follow-up, or a new run is queued. */
  private queueFollowUp(run: Run, trigger: "retry" | "corrective", retries: number, notBefore: number | null, note: string): void {
    const decision = decideFollowUp(run.jobId, this.deps.repos.runs.listByStatus(["queued"]).map(toQueuedRun), notBefore);
    if (decision.kind === "take_over") {
      const followUp = trigger === "retry" ? "retry" : "corrective run";
      const takenOver = this.deps.repos.runs.update(decision.runId as RunId, (queued) => ({ ...queued, trigger, retries, previousRunId: run.id, notBefore: decision.notBefore }));
      this.deps.repos.runs.appendLog(run.id, "info", `${note} The run already waiting to start (${takenOver.id}) is that ${followUp}: a job keeps one run waiting.`);
      this.deps.repos.runs.appendLog(takenOver.id, "info", `Became the ${followUp} of run ${run.id}, which failed while this one waited.`);
      publishJobs(this.deps, { run: takenOver });
      this.deps.poke();
      return;
    }
    const next = this.deps.repos.runs.create({
      jobId: run.jobId,
      goalId: run.goalId,
      workspaceId: run.workspaceId,
      jobName: run.jobName,
      trigger,
      scheduledFor: run.scheduledFor,
      priority: run.priority,
      retries,
      notBefore: decision.notBefore,
      previousRunId: run.id,
    });
    this.deps.repos.runs.appendLog(run.id, "info", note);
    if (next) publishJobs(this.deps, { run: next });
    this.deps.poke();
  }

  private pause(run: Run, reason: string): void {
    this.deps.repos.runs.appendLog(run.id, "error", reason);
    if (this.deps.repos.jobs.get(run.jobId)) this.deps.jobs.pauseWithReason(run.jobId, reason);
  }

  private save(id: RunId, change: (run: Run) => Run): Run {
    const run = this.deps.repos.runs.update(id, change);
    publishJobs(this.deps, { run });
    return run;
  }
}

const ACTIVE_STATUSES: ReadonlySet<Run["status"]> = new Set(["queued", "running", "waiting"]);

const ENDINGS: Partial<Record<Run["status"], string>> = { succeeded: "It succeeded", failed: "It failed", timed_out: "It timed out", cancelled: "It was cancelled" };

/**
 * A run's summary when no model may write it (AI summaries off): how it ended and the start of its final answer, said
 * as such so nobody takes it for Claude's words (a corrective run reads it too).
 */
function runSummaryFromFacts(run: Run, answerText: string | null): string {
  const ending = `${ENDINGS[run.status] ?? `It ended (${run.status})`}${run.error ? `: ${run.error}` : ""}.`;
  const answer = answerText ? oneLine(answerText, 600) : "";
  const said = answer ? ` Its final answer: “${answer}”` : " It gave no final answer.";
  return `From what is stored (AI summaries are off): ${ending}${said}`.slice(0, 2_000);
}

/** The text of the conversation's last answer from Claude (what a run's result said), or null when there is none. */
function lastAnswer(deps: JobsDeps, conversationId: ConversationId): string | null {
  const messages = deps.repos.messages.list(conversationId, { limit: 20 });
  for (const message of messages.reverse()) {
    if (message.role !== "assistant" || message.parentToolUseId !== null) continue;
    const text = message.parts.flatMap((part) => (part.kind === "text" ? [part.text] : [])).join("\n").trim();
    if (text !== "") return text;
  }
  return null;
}

/** The run ended because its CLI process died (not with a failed turn). */
function didExit(run: Run): boolean {
  return (run.error ?? "").startsWith(CLI_EXIT_PREFIX);
}

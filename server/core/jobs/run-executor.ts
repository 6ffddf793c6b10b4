import type { ConversationId, RunId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { FINISHED_RUN_STATUSES, type Run, type RunStatus } from "../../../shared/protocol/jobs.ts";
import type { BusMessage } from "../event-bus.ts";
import type { JobService } from "./job-service.ts";
import { publishJobs, type JobsDeps } from "./jobs-context.ts";
import { prepareRunConversation, runPrompt, RunSetupError, type RunPorts } from "./run-launch.ts";

/** The start of the error of a run whose CLI process died (rather than finishing its turn with an error). */
export const CLI_EXIT_PREFIX = "The CLI exited: ";

/** How a run ended, for what follows it (summary, retry, corrective run). */
export type RunEnding = { run: Run; resultText: string | null; isSetupFailure: boolean; shouldPauseJob: boolean };

export type RunExecutorDeps = JobsDeps &
  RunPorts & {
    jobs: JobService;
    /** Called once per ended run, after it is stored (summaries, retries; then the scheduler looks again). */
    onEnded(ending: RunEnding): void;
  };

const commandId = () => `job-${crypto.randomUUID()}`;

/**
 * Runs one queued run as an ordinary session conversation and follows it on the bus: waiting for you, done, failed.
 * The watchdog interrupts and stops runs through it. A run's state lives in storage; this holds only the mapping
 * from live conversations to runs and the last result text.
 */
export class RunExecutor {
  private readonly byConversation = new Map<ConversationId, RunId>();
  private readonly resultText = new Map<RunId, string | null>();
  private readonly endingAs = new Map<RunId, RunStatus>();

  constructor(private readonly deps: RunExecutorDeps) {}

  /** Listens on the bus; answers the unsubscribe. */
  start(): () => void {
    return this.deps.bus.subscribe((message) => this.onBus(message));
  }

  /** Starts a queued run: marked running at once (it holds a pool slot), then its session and first message. */
  async launch(runId: RunId): Promise<void> {
    const queued = this.require(runId);
    if (queued.status !== "queued") return;
    const job = this.deps.repos.jobs.get(queued.jobId);
    if (!job) return void this.end(runId, "failed", "The job was deleted.");
    const now = this.deps.now();
    this.save(runId, (r) => ({ ...r, status: "running", startedAt: now, deadlineAt: now + job.timeoutMinutes * 60_000 }));
    const previous = queued.previousRunId ? this.deps.repos.runs.get(queued.previousRunId) : null;
    try {
      const { sessionId, conversationId } = await prepareRunConversation(this.deps, this.deps, job, queued, previous);
      if (this.require(runId).status !== "running") return; // cancelled while the worktree was set up
      this.byConversation.set(conversationId, runId);
      this.save(runId, (r) => ({ ...r, sessionId, conversationId, startedAt: this.deps.now() }));
      this.log(runId, "info", `Started in session ${sessionId}.`);
      await this.deps.conversations.sendMessage(conversationId, { commandId: commandId(), text: runPrompt(job, queued, previous), images: [] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.end(runId, "failed", message, { isSetupFailure: error instanceof RunSetupError, shouldPauseJob: error instanceof RunSetupError && error.shouldPauseJob });
    }
  }

  /** Watchdog, first step: interrupt the turn; the run ends as timed out. */
  async interrupt(runId: RunId): Promise<void> {
    const run = this.save(runId, (r) => ({ ...r, interruptedAt: this.deps.now() }));
    this.endingAs.set(runId, "timed_out");
    this.log(runId, "warn", "The run passed its time limit; interrupting it.");
    if (run.conversationId) await this.deps.conversations.interrupt(run.conversationId, commandId()).catch((error: unknown) => this.log(runId, "warn", `Interrupt failed: ${String(error)}`));
  }

  /** Watchdog, second step: the interrupted run did not end; stop its process and mark it timed out. */
  async kill(runId: RunId): Promise<void> {
    this.log(runId, "warn", "The run did not stop after the interrupt; stopping its process.");
    await this.stopProcess(this.require(runId));
    this.end(runId, "timed_out", "The run took longer than its time limit and was stopped.");
  }

  /** Cancels a queued or running run. */
  async cancel(runId: RunId): Promise<Run> {
    const run = this.require(runId);
    if (FINISHED_RUN_STATUSES.includes(run.status)) throw new AppError("conflict", `The run has ended (${run.status}).`);
    this.endingAs.set(runId, "cancelled");
    await this.stopProcess(run);
    return this.end(runId, "cancelled", null) ?? this.require(runId);
  }

  /** Resumes a run ChatML's restart cut off: its conversation continues where it stopped. */
  async resume(runId: RunId): Promise<Run> {
    const run = this.require(runId);
    if (!run.isResumable || !run.conversationId) throw new AppError("conflict", "Only a run that ChatML's restart cut off can be resumed.");
    const job = this.deps.repos.jobs.get(run.jobId);
    const now = this.deps.now();
    const resumed = this.save(runId, (r) => ({ ...r, status: "running", isResumable: false, endedAt: null, error: null, startedAt: now, deadlineAt: now + (job?.timeoutMinutes ?? 30) * 60_000, interruptedAt: null }));
    this.byConversation.set(run.conversationId, runId);
    const text = "ChatML restarted while you were working on this task. Continue where you left off and finish it.";
    await this.deps.conversations.sendMessage(run.conversationId, { commandId: commandId(), text, images: [] });
    return resumed;
  }

  /** After a restart no run's process survives: running runs end as failed, resumable, and say why. */
  recoverAfterRestart(): void {
    for (const run of this.deps.repos.runs.listByStatus(["running", "waiting"])) {
      this.save(run.id, (r) => ({ ...r, status: "failed", endedAt: this.deps.now(), error: "ChatML stopped while this run was running.", isResumable: r.conversationId !== null }));
      this.log(run.id, "warn", "ChatML stopped while this run was running; it can be resumed.");
    }
  }

  private onBus(message: BusMessage): void {
    if (message.kind !== "event") return;
    const runId = this.byConversation.get(message.conversationId);
    if (runId) this.onRunEvent(runId, message.sequenced.event);
  }

  private onRunEvent(runId: RunId, event: DurableEvent): void {
    const run = this.deps.repos.runs.get(runId);
    if (!run || FINISHED_RUN_STATUSES.includes(run.status)) return;
    if (event.type === "conversation.status.changed") {
      const status: RunStatus | null = event.status === "waiting" ? "waiting" : event.status === "running" ? "running" : null;
      if (status && status !== run.status) this.save(runId, (r) => ({ ...r, status }));
    } else if (event.type === "turn.completed") {
      this.resultText.set(runId, event.resultText);
      const ending = this.endingAs.get(runId);
      const error = event.isError ? turnError(event) : null;
      const cost = event.totalCostUsd;
      this.save(runId, (r) => ({ ...r, costUsd: cost ?? r.costUsd }));
      if (ending) this.end(runId, ending, ending === "timed_out" ? "The run took longer than its time limit and was interrupted." : null);
      else this.end(runId, error ? "failed" : "succeeded", error);
    } else if (event.type === "process.exited" && !event.isExpected) {
      this.end(runId, "failed", `${CLI_EXIT_PREFIX}${event.reason}${event.stderrTail ? `\n${event.stderrTail.slice(-500)}` : ""}`);
    }
  }

  /** Stores a run's end once, stops its process (it is done; a message resumes it), and reports it. */
  private end(runId: RunId, status: RunStatus, error: string | null, flags: { isSetupFailure?: boolean; shouldPauseJob?: boolean } = {}): Run | null {
    const current = this.require(runId);
    if (FINISHED_RUN_STATUSES.includes(current.status)) return null;
    const run = this.save(runId, (r) => ({ ...r, status, error, endedAt: this.deps.now() }));
    if (run.conversationId) this.byConversation.delete(run.conversationId);
    this.endingAs.delete(runId);
    const resultText = this.resultText.get(runId) ?? null;
    this.resultText.delete(runId);
    this.log(runId, status === "succeeded" ? "info" : "error", `Ended: ${status}${error ? ` — ${error}` : ""}`);
    if (status !== "cancelled") void this.stopProcess(run);
    this.deps.onEnded({ run, resultText, isSetupFailure: flags.isSetupFailure ?? false, shouldPauseJob: flags.shouldPauseJob ?? false });
    return run;
  }

  private async stopProcess(run: Run): Promise<void> {
    if (!run.conversationId) return;
    await this.deps.conversations.stop(run.conversationId, commandId()).catch((error: unknown) => this.log(run.id, "warn", `Stopping the CLI failed: ${String(error)}`));
  }

  private require(runId: RunId): Run {
    const run = this.deps.repos.runs.get(runId);
    if (!run) throw new AppError("not_found", `Run ${runId} does not exist.`);
    return run;
  }

  private save(runId: RunId, change: (run: Run) => Run): Run {
    const run = this.deps.repos.runs.update(runId, change);
    publishJobs(this.deps, { run });
    return run;
  }

  private log(runId: RunId, level: "info" | "warn" | "error", text: string): void {
    this.deps.repos.runs.appendLog(runId, level, text);
  }
}

function turnError(event: Extract<DurableEvent, { type: "turn.completed" }>): string {
  const detail = event.errors.join("; ") || event.resultText || event.subtype;
  return event.apiErrorStatus ? `API error ${event.apiErrorStatus}: ${detail}` : detail;
}

import type { ConversationId, RunId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { deadlineAfterWaiting } from "../../scheduler/index.ts";
import { FINISHED_RUN_STATUSES, RUN_BUDGET_STOP_PREFIX, type Run, type RunStatus } from "../../../shared/protocol/jobs.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import type { BusMessage } from "../event-bus.ts";
import type { JobService } from "./job-service.ts";
import { publishJobs, type JobsDeps } from "./jobs-context.ts";
import { NoRunnableCliError } from "../ports.ts";
import { budgetStopReason, prepareRunConversation, runLimitsOf, runPrompt, RunSetupError, type RunPorts } from "./run-launch.ts";
import { turnError } from "./turn-error.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** The start of the error of a run whose CLI process died (rather than finishing its turn with an error). */
export const CLI_EXIT_PREFIX = "The CLI exited: ";

/** How a run ended, for what follows it (summary, retry, corrective run). */
export type RunEnding = { run: Run; resultText: string | null; isSetupFailure: boolean; shouldPauseJob: boolean; isBudgetStop: boolean };

/** The start of the error of a run its budget stopped. */
export const BUDGET_STOP_PREFIX = RUN_BUDGET_STOP_PREFIX;

export type RunExecutorDeps = JobsDeps &
  RunPorts & {
    jobs: JobService;
    /** Tells the scheduler a run is queued or its slot is free. */
    poke(): void;
    /** Called once per ended run, after it is stored (summaries, retries; then the scheduler looks again). */
    onEnded(ending: RunEnding): void;
  };

/** How a run's end reads in its timeline. */
const RUN_ENDINGS: Partial<Record<RunStatus, string>> = { succeeded: "succeeded", failed: "failed", timed_out: "timed out", cancelled: "cancelled" };

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
  /** Since when a run waits for the user; its time limit stands still meanwhile. */
  private readonly waitingSince = new Map<RunId, number>();

  constructor(private readonly deps: RunExecutorDeps) {}

  private isStopped = false;

  /** Listens on the bus; answers the unsubscribe (which also stops runs being set up from touching storage). */
  start(): () => void {
    this.isStopped = false;
    const unsubscribe = this.deps.bus.subscribe((message) => this.onBus(message));
    return () => {
      this.isStopped = true;
      unsubscribe();
    };
  }

  /** Starts a queued run: marked running at once (it holds a pool slot), then its session and first message. */
  async launch(runId: RunId): Promise<void> {
    const queued = this.require(runId);
    if (queued.status !== "queued") return;
    // Only a resumed run is queued with its conversation (a new run gets one once started).
    if (queued.conversationId) return this.continueRun(queued, queued.conversationId);
    const job = this.deps.repos.jobs.get(queued.jobId);
    if (!job) return void this.end(runId, "failed", "The job was deleted.");
    const now = this.deps.now();
    this.save(runId, (r) => ({ ...r, status: "running", startedAt: now, deadlineAt: now + job.timeoutMinutes * 60_000 }));
    const previous = queued.previousRunId ? this.deps.repos.runs.get(queued.previousRunId) : null;
    try {
      const { sessionId, conversationId } = await prepareRunConversation(this.deps, this.deps, job, queued, previous);
      if (this.isStopped) return; // ChatML is shutting down: the restart marks the run
      const current = this.deps.repos.runs.get(runId);
      if (!current) return; // deleted with its workspace's history while the worktree was set up
      if (current.status !== "running") return this.keepCancelledRunsSession(runId, sessionId, conversationId);
      const limits = runLimitsOf(job);
      if (limits) await this.deps.budgets.limitRun(conversationId, limits);
      this.byConversation.set(conversationId, runId);
      this.save(runId, (r) => ({ ...r, sessionId, conversationId, startedAt: this.deps.now() }));
      this.log(runId, "info", startedIn(this.deps.repos.sessions.get(sessionId)));
      await this.deps.conversations.sendMessage(conversationId, { commandId: commandId(), text: runPrompt(job, queued, previous), images: [] });
    } catch (error) {
      if (this.isStopped) return; // ChatML is shutting down: the restart marks the run
      if (!this.deps.repos.runs.get(runId)) return; // deleted with its workspace's history meanwhile
      const message = messageOf(error);
      // No Claude Code to start (not found, or too old): a retry or a corrective run fails the same way at once. A CLI
      // that stopped or did not answer (also `cli_unavailable`) is another matter: those are retried as before.
      const isCliMissing = error instanceof NoRunnableCliError;
      if (isCliMissing) this.log(runId, "info", "No retry or corrective run: Claude Code could not be started, and they would fail the same way. Once it can (Settings → Claude Code binary), Run now or the next scheduled run goes on.");
      this.end(runId, "failed", message, { isSetupFailure: error instanceof RunSetupError || isCliMissing, shouldPauseJob: error instanceof RunSetupError && error.shouldPauseJob });
    }
  }

  /**
   * A run cancelled while its worktree was set up: the session and conversation made for it stay (its setup's output
   * may be why it was cancelled), and the run points at them, so no session is left that no run owns.
   */
  private keepCancelledRunsSession(runId: RunId, sessionId: SessionId, conversationId: ConversationId): void {
    this.save(runId, (r) => ({ ...r, sessionId, conversationId }));
    const session = this.deps.repos.sessions.get(sessionId);
    this.log(runId, "info", `Cancelled while its session was set up; nothing was sent to Claude.${session ? ` Its session: ${sessionLabel(session)}.` : ""}`);
  }

  /** Watchdog, first step: interrupt the turn; the run ends as timed out. */
  async interrupt(runId: RunId): Promise<void> {
    const run = this.save(runId, (r) => ({ ...r, interruptedAt: this.deps.now() }));
    this.endingAs.set(runId, "timed_out");
    this.log(runId, "warn", "The run passed its time limit; interrupting it.");
    if (run.conversationId) await this.deps.conversations.interrupt(run.conversationId, commandId(), "time-limit").catch((error: unknown) => this.log(runId, "warn", `Interrupt failed: ${messageOf(error)}`));
  }

  /** Watchdog, second step: the interrupted run did not end; stop its process and mark it timed out. */
  async kill(runId: RunId): Promise<void> {
    this.log(runId, "warn", "The run did not stop after the interrupt; stopping its process.");
    await this.stopProcess(this.require(runId), "timed_out");
    this.end(runId, "timed_out", "The run took longer than its time limit and was stopped.");
  }

  /** Cancels a queued or running run. */
  async cancel(runId: RunId): Promise<Run> {
    const run = this.require(runId);
    if (FINISHED_RUN_STATUSES.includes(run.status)) throw new AppError("conflict", `The run has ended (${run.status}).`);
    this.endingAs.set(runId, "cancelled");
    await this.stopProcess(run, "cancelled");
    return this.end(runId, "cancelled", null) ?? this.require(runId);
  }

  /**
   * Resumes a run ChatML's restart cut off: it is queued again and waits its turn like any run (a free slot of the
   * pool, no other run of its job running); started, its conversation continues where it stopped. A run whose
   * conversation was deleted meanwhile stays as it was, and the error says why.
   */
  async resume(runId: RunId): Promise<Run> {
    const run = this.require(runId);
    if (!run.isResumable || !run.conversationId) throw new AppError("conflict", "Only a run that ChatML's restart cut off can be resumed.");
    if (!this.deps.repos.conversations.get(run.conversationId)) {
      const error = new AppError("not_found", "The run's conversation was deleted, so it cannot be resumed.");
      this.log(runId, "warn", `Resuming failed: ${error.message}`);
      throw error;
    }
    const queued = this.save(runId, (r) => ({ ...r, status: "queued", isResumable: false, endedAt: null, error: null, startedAt: null, deadlineAt: null, interruptedAt: null, notBefore: null }));
    this.log(runId, "info", "Queued to resume: it continues when the pool has a free slot and no other run of its job is running.");
    this.deps.poke();
    return queued;
  }

  /** Starts a resumed run (queued with its conversation): the conversation continues where the restart cut it off. */
  private async continueRun(run: Run, conversationId: ConversationId): Promise<void> {
    const job = this.deps.repos.jobs.get(run.jobId);
    const now = this.deps.now();
    this.save(run.id, (r) => ({ ...r, status: "running", startedAt: now, deadlineAt: now + (job?.timeoutMinutes ?? 30) * 60_000 }));
    this.byConversation.set(conversationId, run.id);
    this.log(run.id, "info", "Resumed.");
    const text = "ChatML restarted while you were working on this task. Continue where you left off and finish it.";
    try {
      await this.deps.conversations.sendMessage(conversationId, { commandId: commandId(), text, images: [] });
    } catch (error) {
      if (this.isStopped) return; // ChatML is shutting down: the restart marks the run
      this.byConversation.delete(conversationId);
      const message = `Resuming failed: ${messageOf(error)}`;
      this.save(run.id, (r) => ({ ...r, status: "failed", isResumable: true, endedAt: this.deps.now(), error: message }));
      this.log(run.id, "warn", message);
      this.deps.poke();
    }
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
      if (status && status !== run.status) this.changeStatus(run, status);
    } else if (event.type === "turn.completed") {
      this.resultText.set(runId, event.resultText);
      const ending = this.endingAs.get(runId);
      const cost = event.totalCostUsd;
      this.save(runId, (r) => ({ ...r, costUsd: cost ?? r.costUsd }));
      const budgetStop = event.isError && run.conversationId ? this.budgetStop(run.conversationId, event) : null;
      if (ending) this.end(runId, ending, ending === "timed_out" ? "The run took longer than its time limit and was interrupted." : null);
      else if (budgetStop) this.end(runId, "failed", budgetStop, { isBudgetStop: true });
      else this.end(runId, event.isError ? "failed" : "succeeded", event.isError ? turnError(event) : null);
    } else if (event.type === "process.exited" && !event.isExpected) {
      this.end(runId, "failed", `${CLI_EXIT_PREFIX}${event.reason}${event.stderrTail ? `\n${event.stderrTail.slice(-500)}` : ""}`);
    }
  }

  /** Waiting for the user stops the run's clock; going on moves its deadline by the time waited. */
  private changeStatus(run: Run, status: RunStatus): void {
    const now = this.deps.now();
    if (status === "waiting") this.waitingSince.set(run.id, now);
    const since = this.waitingSince.get(run.id);
    if (status !== "waiting" && since !== undefined) {
      this.waitingSince.delete(run.id);
      this.log(run.id, "info", `Waited ${Math.round((now - since) / 1000)} s for you; that time does not count toward the time limit.`);
    }
    const deadlineAt = status !== "waiting" && since !== undefined && run.deadlineAt !== null ? deadlineAfterWaiting(run.deadlineAt, since, now) : run.deadlineAt;
    this.save(run.id, (r) => ({ ...r, status, deadlineAt }));
  }

  /** Since when the run waits for the user (null when it does not); the watchdog leaves it alone meanwhile. */
  waitingSinceOf(runId: RunId): number | null {
    return this.waitingSince.get(runId) ?? null;
  }

  /** Stores a run's end once, stops its process (it is done; a message resumes it), and reports it. */
  /** Why the budget stopped this turn (the CLI's cost limit, or the budgets room's turn limit), or null. */
  private budgetStop(conversationId: ConversationId, event: Extract<DurableEvent, { type: "turn.completed" }>): string | null {
    const reason = budgetStopReason(this.deps.budgets.state(conversationId));
    if (reason) return `${BUDGET_STOP_PREFIX}${reason}`;
    return event.subtype === "error_max_budget_usd" ? `${BUDGET_STOP_PREFIX}the cost budget is used up.` : null;
  }

  private end(runId: RunId, status: RunStatus, error: string | null, flags: { isSetupFailure?: boolean; shouldPauseJob?: boolean; isBudgetStop?: boolean } = {}): Run | null {
    const current = this.require(runId);
    if (FINISHED_RUN_STATUSES.includes(current.status)) return null;
    const run = this.save(runId, (r) => ({ ...r, status, error, endedAt: this.deps.now() }));
    if (run.conversationId) this.byConversation.delete(run.conversationId);
    this.endingAs.delete(runId);
    this.waitingSince.delete(runId);
    const resultText = this.resultText.get(runId) ?? null;
    this.resultText.delete(runId);
    this.log(runId, status === "succeeded" ? "info" : "error", `Ended: ${status}${error ? ` — ${error}` : ""}`);
    if (status !== "cancelled") void this.stopProcess(run, status);
    this.deps.onEnded({ run, resultText, isSetupFailure: flags.isSetupFailure ?? false, shouldPauseJob: flags.shouldPauseJob ?? false, isBudgetStop: flags.isBudgetStop ?? false });
    return run;
  }

  /** Ends the run's CLI process; the timeline says the run is over and how it ended, not just "Stopped". */
  private async stopProcess(run: Run, ending: RunStatus): Promise<void> {
    if (!run.conversationId) return;
    await this.deps.conversations.stop(run.conversationId, commandId(), `the job's run is over (${RUN_ENDINGS[ending] ?? ending})`).catch((error: unknown) => this.log(run.id, "warn", `Stopping the CLI failed: ${messageOf(error)}`));
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

/** The log's first line names the run's session as the user sees it (its name, and its branch when it has one), not by id. */
function startedIn(session: Session | null): string {
  return session ? `Started in session ${sessionLabel(session)}.` : "Started.";
}

function sessionLabel(session: Session): string {
  return session.branch ? `${session.name} (branch ${session.branch})` : session.name;
}

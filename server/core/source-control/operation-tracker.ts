import type { SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { GitOperation, GitOperationKind, GitSyncPoint } from "../../../shared/protocol/git.ts";
import type { GitProgress } from "../../git/index.ts";
import type { EventBus } from "../event-bus.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** What a tracked operation's body gets: the signal that cancels it and a progress reporter. */
export type OperationControls = { signal: AbortSignal; onProgress: (progress: GitProgress) => void };
/** How a tracked body ended besides success or throwing (a rebase that stopped on conflicts). */
export type OperationOutcome = { status: "done" | "conflicts"; message: string | null };

type Running = { operation: GitOperation; controller: AbortController };

/**
 * The long git operations (push, pull, rebase, merge) in flight, one per session: each is published to every device
 * when it starts, progresses (at most once per percent step) and ends, and can be cancelled, which kills git.
 */
export class OperationTracker {
  private readonly running = new Map<SessionId, Running>();
  private readonly last = new Map<SessionId, GitOperation>();

  constructor(private readonly deps: { bus: EventBus; now: () => number }) {}

  /** Runs `body` as the session's one long operation; refuses a second one while the first runs. */
  /** Refuses at once (instead of queueing) when the session already runs a long operation. */
  assertIdle(sessionId: SessionId): void {
    const busy = this.running.get(sessionId);
    if (busy) throw new AppError("conflict", `A ${busy.operation.kind} is already running in this session; wait for it or cancel it.`);
  }

  async track<T>(sessionId: SessionId, kind: GitOperationKind, body: (controls: OperationControls) => Promise<T>, outcome: (result: T) => OperationOutcome): Promise<T> {
    this.assertIdle(sessionId);
    const controller = new AbortController();
    const operation: GitOperation = { id: `gop_${crypto.randomUUID()}`, sessionId, kind, status: "running", stage: null, percent: null, message: null, startedAt: this.deps.now(), endedAt: null, failedAt: null };
    const entry: Running = { operation, controller };
    this.running.set(sessionId, entry);
    this.publish(sessionId, operation);
    const onProgress = (progress: GitProgress) => {
      const current = entry.operation;
      if (current.stage === progress.stage && current.percent === progress.percent) return;
      this.publish(sessionId, { ...current, stage: progress.stage, percent: progress.percent });
    };
    try {
      const result = await body({ signal: controller.signal, onProgress });
      this.end(sessionId, outcome(result));
      return result;
    } catch (error) {
      const isCancelled = error instanceof AppError && error.code === "cancelled";
      this.end(sessionId, { status: isCancelled ? "cancelled" : "failed", message: messageOf(error) });
      throw error;
    }
  }

  /** Cancels the session's running operation (kills its git process); false when nothing runs. */
  cancel(sessionId: SessionId): boolean {
    const entry = this.running.get(sessionId);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  /** The session's running operation, else its last one (for a device that opens the panel later), else null. */
  current(sessionId: SessionId): GitOperation | null {
    return this.running.get(sessionId)?.operation ?? this.last.get(sessionId) ?? null;
  }

  /**
   * Records where the branch stood when read after the session's last operation failed (once), and tells every
   * device: its failure applies while the branch stays there.
   */
  pinFailure(sessionId: SessionId, point: GitSyncPoint): void {
    const last = this.last.get(sessionId);
    if (this.running.has(sessionId) || last?.status !== "failed" || last.failedAt !== null) return;
    this.publish(sessionId, { ...last, failedAt: point });
  }

  private end(sessionId: SessionId, outcome: { status: GitOperation["status"]; message: string | null }): void {
    const entry = this.running.get(sessionId);
    if (!entry) return;
    this.running.delete(sessionId);
    this.publish(sessionId, { ...entry.operation, status: outcome.status, message: outcome.message, endedAt: this.deps.now() });
  }

  private publish(sessionId: SessionId, operation: GitOperation): void {
    const entry = this.running.get(sessionId);
    if (entry) entry.operation = operation;
    else this.last.set(sessionId, operation);
    this.deps.bus.publish({ kind: "entity", change: { kind: "git.operation", operation } });
  }
}

import { AppError } from "../../shared/protocol/errors.ts";
import { settlesWithin } from "./settles-within.ts";

/** After {@link WorkInFlight.finish} ended the work still running: how long it may take to record how it ended. */
const ENDED_WORK_GRACE_MS = 3_000;

/**
 * Work the server has taken and not finished yet (a commit, a push, a rewind, a new session…), for shutdown: once
 * {@link close}d it refuses new work with a 503 that says why, and {@link settle} waits for the work already taken,
 * within a cap, so that none of it writes to a closed database or leaves a repository half changed with no record.
 * @example const work = new WorkInFlight(); await work.run("POST /api/x", () => doIt()); work.close(); await work.settle(10_000);
 */
export class WorkInFlight {
  /** What is running: its settled promise → what it is, for the log when the cap is reached. */
  private readonly labels = new Map<Promise<void>, string>();
  private isClosed = false;

  /** Runs `work` as taken work named `label`; refused with `server_stopping` once the server is stopping. */
  run<T>(label: string, work: () => Promise<T>): Promise<T> {
    if (this.isClosed) return Promise.reject(stoppingError());
    const done = work();
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.labels.set(settled, label);
    void settled.then(() => this.labels.delete(settled));
    return done;
  }

  /** From now on new work is refused. */
  close(): void {
    this.isClosed = true;
  }

  /** What is running now. */
  get running(): string[] {
    return [...this.labels.values()];
  }

  /** Whether new work is refused (the server is stopping). */
  get isStopping(): boolean {
    return this.isClosed;
  }

  /** Waits until the work already taken is done, or `capMs` have passed; answers what was still running then (empty when all of it finished). */
  async settle(capMs = Infinity): Promise<string[]> {
    const all = Promise.all(this.labels.keys());
    if (!Number.isFinite(capMs)) return all.then(() => []);
    return (await settlesWithin(all, capMs)) ? [] : [...this.labels.values()];
  }

  /**
   * Shutdown's wait, once {@link close}d: for the work already taken, at most `graceMs` (a git whose hook or remote
   * never answers must not keep ChatML from stopping). Past that it says what was still running and ends what that
   * work waits on (`end`), then gives it a moment to record how it ended before the database closes.
   */
  async finish(graceMs: number, end: () => Promise<unknown>): Promise<void> {
    const seconds = Math.round(graceMs / 100) / 10;
    // Whoever pressed Ctrl+C sees why ChatML has not stopped yet (a second Ctrl+C quits at once).
    if (this.running.length > 0) console.warn(`[shutdown] finishing what was started first (at most ${seconds} s): ${this.running.join("; ")}`);
    const left = await this.settle(graceMs);
    if (left.length === 0) return;
    console.warn(`[shutdown] still running after ${seconds} s, stopping it: ${left.join("; ")}`);
    await end();
    const unfinished = await this.settle(ENDED_WORK_GRACE_MS);
    if (unfinished.length > 0) console.warn(`[shutdown] closing the database with this still running: ${unfinished.join("; ")}`);
  }
}

/** The answer to work asked for while the server stops. */
export function stoppingError(): AppError {
  return new AppError("server_stopping", "ChatML is stopping, so it did not start this: try again once it has restarted.");
}

import { AppError } from "../../shared/protocol/errors.ts";

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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const isCapReached = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), capMs))),
    ]);
    clearTimeout(timer);
    return isCapReached ? [...this.labels.values()] : [];
  }
}

/** The answer to work asked for while the server stops. */
export function stoppingError(): AppError {
  return new AppError("server_stopping", "ChatML is stopping, so it did not start this: try again once it has restarted.");
}

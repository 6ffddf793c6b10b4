import { statSync } from "node:fs";
import type { Db } from "./db.ts";

/**
 * Moves SQLite's WAL checkpoints off the event loop (issue 16, ADR 0147).
 *
 * By default the connection that commits past 1,000 pages of log copies the log into the database file inside that
 * commit, with two file syncs: on the bench VM a stall of ~8–15 ms every ~4 MB written, which during 20 streaming turns is
 * several times a turn, on the loop that delivers every delta. Here a worker thread with its own connection does those
 * checkpoints (PASSIVE: writers go on appending while it copies), and the server's connection only checkpoints as a
 * backstop, when the log reaches {@link BACKSTOP_PAGES}: a log that is written without pause is never all copied, so
 * it cannot start again from its beginning until one checkpoint runs between two commits.
 *
 * The worker costs ~2.5–5 MiB, so it starts only once the log has grown past {@link START_AFTER_BYTES}: a server that
 * writes little never starts it, and commits checkpoint as SQLite's default does until then. Durability is SQLite's
 * either way: a checkpoint copies what is committed already.
 */
export const START_AFTER_BYTES = 1024 * 1024;
/** 16 MiB of 4 KiB pages: past it, the worker makes the log start again (a RESTART checkpoint, see the worker). */
export const RESTART_PAGES = 4096;
/** 32 MiB: the most log the server's own commits let grow before one of them checkpoints (if the worker falls behind). */
export const BACKSTOP_PAGES = 8192;
/** SQLite's own threshold, for the connection while no worker checkpoints (before it starts, or after it failed). */
export const SQLITE_DEFAULT_PAGES = 1000;

export type WalCheckpointsOptions = {
  startAfterBytes?: number;
  /** How often the log's size is looked at until the worker starts. */
  pollMs?: number;
  /** How often the worker checkpoints while the log grows, and once it finds nothing new. */
  intervalMs?: number;
  idleIntervalMs?: number;
  restartPages?: number;
  backstopPages?: number;
};

type WorkerMessage = { type: "pass"; log: number; checkpointed: number } | { type: "failed"; message: string } | { type: "closed" };

export class WalCheckpoints {
  state: "waiting" | "running" | "failed" | "stopped" = "waiting";
  /** Passes of the worker that copied something (tests read it). */
  passes = 0;
  private poll: ReturnType<typeof setInterval> | null = null;
  private worker: Worker | null = null;
  private closed: (() => void) | null = null;
  private readonly options: Required<WalCheckpointsOptions>;

  constructor(
    private readonly db: Db,
    options: WalCheckpointsOptions = {},
  ) {
    this.options = { startAfterBytes: START_AFTER_BYTES, pollMs: 1000, intervalMs: 250, idleIntervalMs: 2000, restartPages: RESTART_PAGES, backstopPages: BACKSTOP_PAGES, ...options };
  }

  /** Watches the log's size and starts the worker once it is worth a thread. An in-memory database has no log. */
  start(): this {
    if (this.db.path === ":memory:" || this.state !== "waiting" || this.poll) return this;
    this.poll = setInterval(() => this.startIfGrown(), this.options.pollMs);
    this.poll.unref();
    return this;
  }

  /** Stops the worker (its connection closes; a checkpoint it was making ends first) and gives commits back their default. */
  async stop(): Promise<void> {
    this.stopPolling();
    const worker = this.worker;
    this.worker = null;
    if (this.state === "running") this.db.walAutocheckpoint(SQLITE_DEFAULT_PAGES);
    this.state = "stopped";
    if (!worker) return;
    await Promise.race([new Promise<void>((resolve) => ((this.closed = resolve), worker.postMessage({ type: "close" }))), Bun.sleep(2000)]);
    worker.terminate();
  }

  private startIfGrown(): void {
    // No log yet reads as an empty one.
    const size = statSync(`${this.db.path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (size >= this.options.startAfterBytes) this.launch();
  }

  private launch(): void {
    this.stopPolling();
    const { intervalMs, idleIntervalMs, restartPages, backstopPages } = this.options;
    let worker: Worker;
    try {
      worker = new Worker(new URL("./wal-checkpoint-worker.ts", import.meta.url).href, { smol: true } as WorkerOptions);
    } catch (error) {
      return this.fail(String(error));
    }
    this.worker = worker;
    // The server's own life decides when the process ends, not this thread's.
    (worker as Worker & { unref(): void }).unref();
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.received(event.data);
    worker.onerror = (event) => this.fail(event.message);
    worker.postMessage({ type: "open", path: this.db.path, intervalMs, idleIntervalMs, restartPages });
    this.db.walAutocheckpoint(backstopPages);
    this.state = "running";
  }

  private received(message: WorkerMessage): void {
    if (message.type === "pass") this.passes += 1;
    else if (message.type === "failed") this.fail(message.message);
    else this.closed?.();
  }

  /** Commits checkpoint on the loop again, as SQLite's default does: slower at times, never a log without end. */
  private fail(message: string): void {
    if (this.state !== "running" && this.state !== "waiting") return;
    console.warn(`[database] checkpoints are back on the server's own connection: ${message}`);
    this.stopPolling();
    this.worker?.terminate();
    this.worker = null;
    this.db.walAutocheckpoint(SQLITE_DEFAULT_PAGES);
    this.state = "failed";
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }
}

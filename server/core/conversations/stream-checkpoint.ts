/** How far a durable checkpoint of a streaming part may lag behind what was streamed. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Keeps the text of a reply being streamed durable, at most about a second behind (ADR 0001 stores no deltas; this
 * stores a periodic snapshot instead). Timer-based so the per-delta path pays nothing: the runtime calls `arm()`
 * after each received chunk, and at most one timer per conversation is pending; when it fires, `save` commits the
 * snapshots of the parts that grew.
 */
export class StreamCheckpoint {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly save: () => void,
    private readonly intervalMs: number = CHECKPOINT_INTERVAL_MS,
  ) {}

  /** Schedules the next checkpoint unless one is already pending. */
  arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, this.intervalMs);
  }

  /** Drops a pending checkpoint (the process ended; its exit settles the parts itself). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

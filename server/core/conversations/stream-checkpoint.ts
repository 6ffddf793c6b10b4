/** How far a durable checkpoint of a streaming part may lag behind what was streamed. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * A delay in [interval / 2, interval]: the checkpoints of conversations whose turns started together do not all commit
 * in the same millisecond (ADR 0041 re-adds this after ADR 0035 withdrew it), and none lags more than the interval.
 */
export function spreadDelay(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs / 2 + (random() * intervalMs) / 2);
}

/**
 * Keeps the text of a reply being streamed durable, at most about a second behind (ADR 0001 stores no deltas; this
 * stores what is new since the last checkpoint instead, ADR 0041). Timer-based so the per-delta path pays nothing: the
 * runtime calls `arm()` after each received chunk, and at most one timer per conversation is pending; when it fires,
 * `save` commits the text the parts gained.
 */
export class StreamCheckpoint {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly save: () => void,
    private readonly delayMs: () => number = () => spreadDelay(CHECKPOINT_INTERVAL_MS),
  ) {}

  /** Schedules the next checkpoint unless one is already pending. */
  arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, this.delayMs());
  }

  /** Drops a pending checkpoint (the process ended; its exit settles the parts itself). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

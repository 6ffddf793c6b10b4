import type { ConversationId, EphemeralEvent } from "../../../shared/index.ts";
import { coalesceDeltas } from "../protocol/coalesce-deltas.ts";

/** Schedules one flush; the browser's is the next animation frame (or a short timer while the tab is hidden). */
export type FlushScheduler = (flush: () => void) => void;

/**
 * Holds a conversation's deltas until the next frame and hands them over folded, so the page does one store update
 * and one render per frame however fast the server streams. Durable events of a conversation flush its deltas first
 * (`flush(id)`), which keeps deltas and the events that finish them in the order the server sent them.
 */
export class DeltaBatcher {
  private readonly pending = new Map<ConversationId, EphemeralEvent[]>();
  private isScheduled = false;

  constructor(
    private readonly apply: (id: ConversationId, events: EphemeralEvent[]) => void,
    private readonly schedule: FlushScheduler,
  ) {}

  push(id: ConversationId, event: EphemeralEvent): void {
    const queue = this.pending.get(id);
    if (queue) queue.push(event);
    else this.pending.set(id, [event]);
    if (this.isScheduled) return;
    this.isScheduled = true;
    this.schedule(() => {
      this.isScheduled = false;
      this.flushAll();
    });
  }

  /** Applies one conversation's held deltas now (before one of its durable events). */
  flush(id: ConversationId): void {
    const queue = this.pending.get(id);
    if (!queue) return;
    this.pending.delete(id);
    this.apply(id, coalesceDeltas(queue));
  }

  /** Drops one conversation's held deltas unapplied (it was deleted). */
  discard(id: ConversationId): void {
    this.pending.delete(id);
  }

  flushAll(): void {
    for (const id of [...this.pending.keys()]) this.flush(id);
  }
}

/** Next animation frame when visible; a timer when hidden (hidden tabs get no frames, and a later event must not wait). */
export const browserFlushScheduler: FlushScheduler = (flush) => {
  if (typeof document !== "undefined" && document.visibilityState === "visible" && typeof requestAnimationFrame === "function") {
    requestAnimationFrame(flush);
  } else {
    setTimeout(flush, 50);
  }
};

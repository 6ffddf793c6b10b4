import type { EventBus } from "../event-bus.ts";

/** Parts tokenized per step; each step is one short transaction, with the event loop free between steps. */
const STEP_PARTS = 10;
/** Indexing waits this long after the last stored text, so a turn's final commit and its delivery go first. */
const QUIET_MS = 300;

type PendingIndex = { indexPending(limit: number): number };

/**
 * Keeps the search index current off the streaming path: stored text parts are only marked as changed in the commit,
 * and this tokenizes them shortly after, a few at a time. Searches index whatever is left before they run.
 */
export class SearchIndexer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly index: PendingIndex) {}

  /** Starts following stored messages, and indexes what a previous run left (e.g. after a crash). */
  start(bus: EventBus): void {
    this.unsubscribe = bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const type = message.sequenced.event.type;
      if (type === "message.created" || type === "message.part.updated") this.schedule(QUIET_MS);
    });
    this.schedule(QUIET_MS);
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.step(), delayMs);
  }

  private step(): void {
    this.timer = null;
    try {
      if (this.index.indexPending(STEP_PARTS) === STEP_PARTS) this.schedule(0);
    } catch (error) {
      // The marks stay in place; the next stored message or search tries again.
      console.warn("[search] indexing failed:", error);
    }
  }
}

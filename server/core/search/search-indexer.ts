import type { EventBus } from "../event-bus.ts";

/**
 * At most this many parts, and past the first about this much stored text, per step: each step is one short
 * transaction (a few ms), with the event loop free between steps for the conversations still streaming.
 */
const STEP_PARTS = 10;
const STEP_CHARS = 32 * 1024;
/** Indexing waits this long after the last stored text, so a turn's final commit and its delivery go first. */
const QUIET_MS = 300;

type PendingIndex = { indexPending(limit: number, options: { maxChars: number; isSettledOnly: boolean }): number };

/**
 * Keeps the search index current off the streaming path: stored text parts are only marked as changed in the commit,
 * and this tokenizes them shortly after, a few at a time. A part still streaming waits until it is settled (its
 * checkpoints neither wake the indexer nor get tokenized). Searches index whatever is left before they run.
 */
export class SearchIndexer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly index: PendingIndex) {}

  /** Starts following stored messages, and indexes what a previous run left (e.g. after a crash). */
  start(bus: EventBus): void {
    this.unsubscribe = bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const { event } = message.sequenced;
      const isSettled = (event.type === "message.part.updated" && !isStreaming(event.part)) || (event.type === "message.part.appended" && event.streamState !== "streaming");
      if (event.type === "message.created" || isSettled) this.schedule(QUIET_MS);
    });
    this.schedule(QUIET_MS);
  }

  /** True while a step is due (e.g. waiting for the quiet time after stored text). */
  get isScheduled(): boolean {
    return this.timer !== null;
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
      if (this.index.indexPending(STEP_PARTS, { maxChars: STEP_CHARS, isSettledOnly: true }) > 0) this.schedule(0);
    } catch (error) {
      // The marks stay in place; the next stored message or search tries again.
      console.warn("[search] indexing failed:", error);
    }
  }
}

function isStreaming(part: object): boolean {
  return "streamState" in part && part.streamState === "streaming";
}

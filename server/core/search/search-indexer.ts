import type { ConversationId } from "../../../shared/ids.ts";
import type { EventBus } from "../event-bus.ts";

/**
 * At most this many parts, and past the first about this much stored text, per step: each step is one short
 * transaction (a few ms), with the event loop free between steps for the conversations still streaming.
 */
const STEP_PARTS = 10;
const STEP_CHARS = 32 * 1024;

/** When indexing runs (ADR 0047); tests shorten them. */
export type IndexerTiming = {
  /** Indexing waits this long after the last stored text, so a turn's final commit and its delivery go first. */
  quietMs: number;
  /** While a turn streams, indexing waits for every turn to end, but never longer than this since it began waiting. */
  maxDeferMs: number;
  /** Overdue while turns stream: one step, then this long before the next. */
  busyStepGapMs: number;
  /**
   * With no turn running, this long between steps (ADR 0181): a step holds the loop for one long answer (5–130 ms
   * measured, more when the index merges), and back to back they held it for the second after turns ended, when the
   * next messages are sent; spaced, a message sent meanwhile usually finds the loop free.
   */
  idleStepGapMs: number;
};

const TIMING: IndexerTiming = { quietMs: 300, maxDeferMs: 15_000, busyStepGapMs: 1_000, idleStepGapMs: 100 };

type PendingIndex = { indexPending(limit: number, options: { maxChars: number; isSettledOnly: boolean }): number };

/**
 * Keeps the search index current off the streaming path: stored text parts are only marked as changed in the commit,
 * and this tokenizes them shortly after, a few at a time. A part still streaming waits until it is settled (its
 * checkpoints neither wake the indexer nor get tokenized). Tokenizing a long answer takes the event loop for several
 * milliseconds (tens when the index merges its segments), so while any conversation's turn is running it waits until
 * every turn has ended (ADR 0047), but for at most `maxDeferMs`; then it indexes a step at a time, spaced out. With no
 * turn running its steps are spaced too (ADR 0181), so the messages sent after turns end seldom wait for one.
 * Searches index whatever is left before they run.
 */
export class SearchIndexer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly running = new Set<ConversationId>();
  /** When indexing first waited for running turns (null: it is not waiting). */
  private deferredSince: number | null = null;

  constructor(
    private readonly index: PendingIndex,
    private readonly timing: IndexerTiming = TIMING,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts following stored messages and turns, and indexes what a previous run left (e.g. after a crash). */
  start(bus: EventBus): void {
    this.unsubscribe = bus.subscribe((message) => {
      // A conversation deleted mid-turn says no more about its status.
      if (message.kind === "entity" && message.change.kind === "removed" && message.change.entity === "conversation") return this.statusChanged(message.change.id as ConversationId, false);
      if (message.kind !== "event") return;
      const { event } = message.sequenced;
      if (event.type === "conversation.status.changed") return this.statusChanged(message.conversationId, event.status === "running");
      const isSettled = (event.type === "message.part.updated" && !isStreaming(event.part)) || (event.type === "message.part.appended" && event.streamState !== "streaming");
      if (event.type === "message.created" || isSettled) this.schedule(this.timing.quietMs);
    });
    this.schedule(this.timing.quietMs);
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

  /** The last running turn ended: what waited for it goes after the quiet time. */
  private statusChanged(conversationId: ConversationId, isRunning: boolean): void {
    if (isRunning) return void this.running.add(conversationId);
    if (this.running.delete(conversationId) && this.running.size === 0 && this.deferredSince !== null) this.schedule(this.timing.quietMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.step(), delayMs);
  }

  private step(): void {
    this.timer = null;
    if (this.running.size > 0) {
      this.deferredSince ??= this.now();
      const overdueIn = this.deferredSince + this.timing.maxDeferMs - this.now();
      if (overdueIn > 0) return this.schedule(overdueIn);
    } else this.deferredSince = null;
    try {
      const done = this.index.indexPending(STEP_PARTS, { maxChars: STEP_CHARS, isSettledOnly: true });
      if (done > 0) this.schedule(this.running.size > 0 ? this.timing.busyStepGapMs : this.timing.idleStepGapMs);
      else this.deferredSince = null;
    } catch (error) {
      // The marks stay in place; the next stored message or search tries again.
      console.warn("[search] indexing failed:", error);
    }
  }
}

function isStreaming(part: object): boolean {
  return "streamState" in part && part.streamState === "streaming";
}

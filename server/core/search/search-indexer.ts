import type { EventBus } from "../event-bus.ts";
import type { RunningTurns } from "../ports.ts";

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
  /** Overdue while turns stream: one step, then at least this long before the next. */
  busyStepGapMs: number;
  /**
   * Overdue while turns stream, the share of the loop's time steps may take (ADR 0197): after a step of d ms the next
   * waits d × (1 − share) / share if that is longer than `busyStepGapMs`. The share grows with what is left, one more
   * `busyShare` per `backlogParts` (to at most half), so however slow a step is here the backlog cannot grow without
   * bound: one answer a second (the old pace) fell behind 20 conversations ending ~62 KB answers every ~5.5 s.
   */
  busyShare: number;
  backlogParts: number;
  /**
   * With no turn running, this long between steps (ADR 0181): a step holds the loop for one long answer (5–130 ms
   * measured, more when the index merges), and back to back they held it for the second after turns ended, when the
   * next messages are sent; spaced, a message sent meanwhile usually finds the loop free.
   */
  idleStepGapMs: number;
};

const TIMING: IndexerTiming = { quietMs: 300, maxDeferMs: 15_000, busyStepGapMs: 50, busyShare: 0.15, backlogParts: 5, idleStepGapMs: 100 };

const BUSY_GAP_MAX_MS = 1_000;

type PendingIndex = {
  indexPending(limit: number, options: { maxChars: number; isSettledOnly: boolean; isOneIndexAPart: boolean }): number;
  pendingCount(): number;
};

/**
 * Keeps the search index current off the streaming path: stored text parts are only marked as changed in the commit,
 * and this tokenizes them shortly after, a few at a time. A part still streaming waits until it is settled (its
 * checkpoints neither wake the indexer nor get tokenized). Tokenizing a long answer takes the event loop for several
 * milliseconds (tens when the index merges its segments), so while any conversation's turn is running it waits until
 * every turn has ended (ADR 0047), but for at most `maxDeferMs` (stored text that keeps coming does not push it back
 * past that either); then it indexes a step at a time, spaced to take a share of the loop (ADR 0197). With no turn
 * running its steps are spaced too (ADR 0181), so the messages sent after turns end seldom wait for one. Each step
 * brings a part into one of the two indexes; searches scan what is left rather than wait for it.
 */
export class SearchIndexer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopFollowingTurns: (() => void) | null = null;
  /** When indexing first waited, for the quiet time or for running turns (null: it is not waiting). */
  private waitingSince: number | null = null;

  constructor(
    private readonly index: PendingIndex,
    /** The turns running (the server's one count, which a conversation deleted mid-turn leaves too). */
    private readonly turns: RunningTurns,
    private readonly timing: IndexerTiming = TIMING,
    private readonly now: () => number = Date.now,
    /** Times a step (its share of the loop follows from it); a test gives steps a fixed cost instead of this machine's. */
    private readonly stepClock: () => number = () => performance.now(),
  ) {}

  /** Starts following stored messages and the turns running, and indexes what a previous run left (e.g. after a crash). */
  start(bus: EventBus): void {
    this.stopFollowingTurns = this.turns.onChange((count) => this.turnsChanged(count));
    this.unsubscribe = bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const { event } = message.sequenced;
      const isSettled = (event.type === "message.part.updated" && !isStreaming(event.part)) || (event.type === "message.part.appended" && event.streamState !== "streaming");
      if (event.type === "message.created" || isSettled) this.textStored();
    });
    this.schedule(this.timing.quietMs);
  }

  /** True while a step is due (e.g. waiting for the quiet time after stored text). */
  get isScheduled(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    this.unsubscribe?.();
    this.stopFollowingTurns?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The last running turn ended: what waited for it goes after the quiet time. */
  private turnsChanged(count: number): void {
    if (count === 0 && this.waitingSince !== null) this.schedule(this.timing.quietMs);
  }

  private turnsRunning(): number {
    return this.turns.count();
  }

  /**
   * Stored text pushes the next step back by the quiet time, unless indexing has waited `maxDeferMs` already and a
   * step is due: twenty conversations store text more often than every 300 ms, and each pushed the step back again.
   */
  private textStored(): void {
    this.waitingSince ??= this.now();
    if (this.timer && this.isOverdue()) return;
    this.schedule(this.timing.quietMs);
  }

  private isOverdue(): boolean {
    return this.waitingSince !== null && this.now() - this.waitingSince >= this.timing.maxDeferMs;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.step(), delayMs);
  }

  private step(): void {
    this.timer = null;
    if (this.turnsRunning() > 0 && !this.isOverdue()) {
      this.waitingSince ??= this.now();
      return this.schedule(this.waitingSince + this.timing.maxDeferMs - this.now());
    }
    if (this.turnsRunning() === 0) this.waitingSince = null;
    try {
      const started = this.stepClock();
      const done = this.index.indexPending(STEP_PARTS, { maxChars: STEP_CHARS, isSettledOnly: true, isOneIndexAPart: true });
      // Caught up while turns still run: it stays overdue, so text stored next is indexed at this pace, not after
      // another full wait (the backlog that wait built was what a search then had to index).
      if (done === 0) return;
      const tookMs = this.stepClock() - started;
      this.schedule(this.turnsRunning() > 0 ? this.busyGapAfter(tookMs) : this.timing.idleStepGapMs);
    } catch (error) {
      // The marks stay in place; the next stored message tries again.
      console.warn("[search] indexing failed:", error);
    }
  }

  private busyGapAfter(stepMs: number): number {
    const { busyStepGapMs, busyShare, backlogParts } = this.timing;
    const share = Math.min(0.5, busyShare * Math.max(1, this.index.pendingCount() / backlogParts));
    // Never slower than the one step a second this replaced, however long a step (an FTS5 merge) took.
    return Math.min(BUSY_GAP_MAX_MS, Math.max(busyStepGapMs, (stepMs * (1 - share)) / share));
  }
}

function isStreaming(part: object): boolean {
  return "streamState" in part && part.streamState === "streaming";
}

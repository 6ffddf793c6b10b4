import { gcAndSweep } from "bun:jsc";

/** What the server collects with: when the bus has gone quiet, and when its last running turn has ended. */
export type Collections = {
  /** After a quiet interval: a full collection that also drops compiled code and returns free pages (`Bun.gc(true)`). */
  idle?: () => void;
  /** When no turn runs any more: a full collection and sweep that keeps the compiled streaming path. */
  turnsEnded?: () => void;
  /** Runs the turn end's collection after the current task (the last turn end's frames still on their way). */
  later?: (run: () => void) => void;
  /** Streamed text (UTF-16 units) since the last collection below which a turn end does not collect (ADR 0284). */
  turnEndBound?: number;
};

/**
 * Long turns leave ~8 bytes of garbage per character of streamed text (their lines, events and frames: 25–30 MiB
 * after three turns of 1.24 M characters each); below ~256 Ki characters that is ~2 MiB, not worth a pause of
 * 18–54 ms (the mark of the live heap alone is ~18) at every turn end. The idle collection returns it anyway.
 */
export const TURN_END_COLLECT_CHARS = 256 * 1024;

/**
 * Runs one full garbage collection once the server has gone quiet after activity (ADR 0036), and one when the last
 * running turn has ended (ADR 0271).
 *
 * JavaScriptCore sizes its heap by the machine's RAM, so after a burst of streaming it keeps tens of MiB of
 * collectible garbage resident for minutes on a machine with plenty of memory. A full collection when nothing has
 * happened for a whole interval returns it; it runs at most once per quiet spell, never while events flow (it pauses
 * the event loop for a few milliseconds), and not at all on a server that stays idle.
 *
 * Long turns leave ~25–35 MiB of their lines, frames and texts as garbage, and the burst collector's requests cannot
 * return it once the server is idle (a concurrent collection advances only while JavaScript runs), so a burst that
 * starts within the quiet interval starts on top of it. The moment no turn runs is as free of deltas as an idle
 * interval's end and comes first: a full collection and sweep then gives the garbage's memory back to the allocator,
 * whose pages the next turns reuse. It keeps the compiled code, so the next turn streams at full speed. It runs only
 * when enough text streamed since the last collection (ADR 0284): a short turn's end does not pause the loop.
 */
export class IdleCollector {
  private activity = 0;
  private seenAtLastTick = 0;
  private collectedAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Turns running as last told; the turn end's collection runs only while none does. */
  private turnsNow = 0;
  /** Streamed text since the last collection of either kind. */
  private streamedSinceCollection = 0;
  private readonly turnEndBound: number;
  private readonly collectIdle: () => void;
  private readonly collectTurnsEnded: () => void;
  private readonly later: (run: () => void) => void;

  constructor({ idle = () => Bun.gc(true), turnsEnded = () => void gcAndSweep(), later = (run) => void setTimeout(run, 0), turnEndBound = TURN_END_COLLECT_CHARS }: Collections = {}) {
    this.collectIdle = idle;
    this.collectTurnsEnded = turnsEnded;
    this.later = later;
    this.turnEndBound = turnEndBound;
  }

  /** Counts one unit of activity (a bus message) carrying `streamedChars` of streamed text; cheap enough for every delta. */
  touch(streamedChars = 0): void {
    this.activity += 1;
    this.streamedSinceCollection += streamedChars;
  }

  /**
   * The number of turns running changed: when it fell to none and enough text streamed since the last collection, one
   * collection follows after the current task, unless a turn starts before it runs. The idle collection still follows
   * its quiet interval: it also drops compiled code and returns the allocator's free pages, which the turn end's leaves
   * for the next turn.
   */
  turnsRunning(count: number): void {
    this.turnsNow = count;
    if (count > 0 || this.streamedSinceCollection < this.turnEndBound) return;
    this.later(() => {
      if (this.turnsNow !== 0) return;
      this.streamedSinceCollection = 0;
      this.collectTurnsEnded();
    });
  }

  /**
   * One interval has passed: collects when the last interval saw no activity but there was activity since the last
   * collection. Returns whether it collected.
   */
  tick(): boolean {
    const wasQuiet = this.activity === this.seenAtLastTick;
    this.seenAtLastTick = this.activity;
    if (!wasQuiet || this.activity === this.collectedAt) return false;
    this.collectedAt = this.activity;
    this.streamedSinceCollection = 0;
    this.collectIdle();
    return true;
  }

  /** Ticks every `everyMs` without keeping the process alive. */
  start(everyMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

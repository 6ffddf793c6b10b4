/**
 * Runs one full garbage collection once the server has gone quiet after activity (ADR 0036).
 *
 * JavaScriptCore sizes its heap by the machine's RAM, so after a burst of streaming it keeps tens of MiB of
 * collectible garbage resident for minutes on a machine with plenty of memory. A full collection when nothing has
 * happened for a whole interval returns it; it runs at most once per quiet spell, never while events flow (it pauses
 * the event loop for a few milliseconds), and not at all on a server that stays idle.
 */
export class IdleCollector {
  private activity = 0;
  private seenAtLastTick = 0;
  private collectedAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly collect: () => void = () => Bun.gc(true)) {}

  /** Counts one unit of activity (a bus message); cheap enough for every delta. */
  touch(): void {
    this.activity += 1;
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
    this.collect();
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

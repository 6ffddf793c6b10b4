import type { TerminalId } from "../../../shared/ids.ts";
import type { TerminalServerFrame } from "../../../shared/protocol/terminals.ts";

/** One device watching one terminal: how much its socket still has to send, and a way to send it a frame. */
export type TerminalViewer = {
  bufferedAmount(): number;
  send(frame: TerminalServerFrame): void;
};

export type ScreenSnapshot = { data: string; cols: number; rows: number };

/** Output is sent in frames of up to this many characters, or after `FLUSH_DELAY_MS`, whichever comes first. */
const FLUSH_CHARS = 64 * 1024;
const FLUSH_DELAY_MS = 4;
/** A socket with this much unsent is lagging: its output is dropped and it gets a snapshot once it drains. */
export const LAG_HIGH_WATER = 1024 * 1024;
const LAG_LOW_WATER = 128 * 1024;
const DRAIN_POLL_MS = 50;
/** A viewer that caught up and kept up this long (its socket drained, no new fall) is told the flood is over for it. */
const KEPT_UP_MS = 1_000;

/**
 * Flow control for one viewer. Output is coalesced into frames; a viewer whose socket falls behind (a `yes`
 * flooding a phone on a slow link) stops getting output, holding nothing for it, and gets a fresh screen snapshot
 * when its socket drains. Memory per viewer is bounded by `FLUSH_CHARS` plus what the socket itself holds.
 */
export class ViewerStream {
  private pending: string[] = [];
  private pendingChars = 0;
  private isLagging = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private drainTimer: ReturnType<typeof setInterval> | undefined;
  private keptUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** How many times this viewer fell behind (tests and logs). */
  lagCount = 0;

  constructor(
    private readonly terminalId: TerminalId,
    private readonly viewer: TerminalViewer,
    private readonly snapshot: () => ScreenSnapshot,
  ) {}

  /** Sends the current screen; live output follows. */
  start(): void {
    this.sendSnapshot(false);
  }

  push(text: string): void {
    if (this.isLagging || text.length === 0) return;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Sends what is pending now (before a snapshot-worthy change such as exit, or on close). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pendingChars === 0) return;
    const data = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    if (this.viewer.bufferedAmount() > LAG_HIGH_WATER) return this.fallBehind();
    this.viewer.send({ type: "terminal_output", terminalId: this.terminalId, data });
  }

  /** Resends the whole screen (after a resize or restart changed it under the viewer). */
  resync(): void {
    this.pending = [];
    this.pendingChars = 0;
    if (!this.isLagging) this.sendSnapshot(false);
  }

  close(): void {
    clearTimeout(this.flushTimer);
    clearInterval(this.drainTimer);
    clearTimeout(this.keptUpTimer);
    this.pending = [];
    this.pendingChars = 0;
  }

  private fallBehind(): void {
    clearTimeout(this.keptUpTimer);
    this.isLagging = true;
    this.lagCount += 1;
    this.drainTimer = setInterval(() => {
      if (this.viewer.bufferedAmount() > LAG_LOW_WATER) return;
      clearInterval(this.drainTimer);
      this.isLagging = false;
      this.sendSnapshot(true);
      this.awaitKeptUp();
    }, DRAIN_POLL_MS);
  }

  /**
   * After a catch-up, says `terminal_caught_up` once the viewer kept up for `KEPT_UP_MS` (no new fall behind, its
   * socket drained): the flood is over for it, and its "too fast" notice can go without waiting for the next snapshot.
   */
  private awaitKeptUp(): void {
    this.keptUpTimer = setTimeout(() => {
      if (this.isLagging) return;
      if (this.viewer.bufferedAmount() > LAG_LOW_WATER) return this.awaitKeptUp();
      this.viewer.send({ type: "terminal_caught_up", terminalId: this.terminalId });
    }, KEPT_UP_MS);
  }

  private sendSnapshot(isCatchUp: boolean): void {
    const { data, cols, rows } = this.snapshot();
    this.viewer.send({ type: "terminal_snapshot", terminalId: this.terminalId, data, cols, rows, isCatchUp });
  }
}

import type * as SerializeModule from "@xterm/addon-serialize";
import type { SerializeAddon } from "@xterm/addon-serialize";
import type * as XtermModule from "@xterm/headless";
import type { Terminal } from "@xterm/headless";
import { lazyModule } from "../../lib/lazy-module.ts";

// Loaded with the first terminal, not at start-up (~40 ms of the server's start).
const xterm = lazyModule<typeof XtermModule>("@xterm/headless");
const serialize = lazyModule<typeof SerializeModule>("@xterm/addon-serialize");

/** Lines of scrollback a reopening device gets back (plus the screen). */
export const SNAPSHOT_SCROLLBACK = 1000;

type SyncWriter = { writeSync(data: string | Uint8Array, maxSubsequentCalls?: number): void };

/**
 * The server's copy of a terminal's screen: a headless xterm that parses every byte, so a device that opens the
 * terminal later gets the current screen and recent scrollback as one snapshot instead of a replay of raw bytes.
 * Parsing is synchronous (xterm's internal `writeSync`) so nothing queues in memory and the snapshot always matches
 * what was sent live; the time it takes is what slows the PTY reader under a flood.
 */
export class ScreenModel {
  private readonly terminal: Terminal;
  private readonly serializer: SerializeAddon = new (serialize.load().SerializeAddon)();
  private readonly syncWriter: SyncWriter | null;

  constructor(cols: number, rows: number) {
    this.terminal = new (xterm.load().Terminal)({ cols, rows, scrollback: SNAPSHOT_SCROLLBACK, allowProposedApi: true });
    this.terminal.loadAddon(this.serializer as unknown as Parameters<Terminal["loadAddon"]>[0]);
    const core = (this.terminal as unknown as { _core?: Partial<SyncWriter> })._core;
    this.syncWriter = typeof core?.writeSync === "function" ? (core as SyncWriter) : null;
  }

  get cols(): number {
    return this.terminal.cols;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  write(data: string | Uint8Array): void {
    if (this.syncWriter) this.syncWriter.writeSync(data);
    else this.terminal.write(data);
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /** The screen and scrollback as escape sequences that rebuild them on a fresh terminal of the same size. */
  snapshot(): string {
    return this.serializer.serialize({ scrollback: SNAPSHOT_SCROLLBACK });
  }

  /** The visible screen as plain text lines (for tests and previews). */
  screenText(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.terminal.rows; y += 1) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? "");
    return lines;
  }

  /**
   * The visible screen as the lines the program wrote: a row the screen wrapped at its edge goes on the row before it,
   * so a word cut there reads whole (an exit quoted "this folder is n't trusted" from a phone's 47 columns).
   */
  writtenLines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.terminal.rows; y += 1) {
      const row = buffer.getLine(buffer.viewportY + y);
      // A row the next one continues keeps its trailing spaces: the break may have fallen on the space between two words.
      const text = row?.translateToString(!buffer.getLine(buffer.viewportY + y + 1)?.isWrapped) ?? "";
      if (row?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    return lines;
  }

  dispose(): void {
    this.terminal.dispose();
  }
}

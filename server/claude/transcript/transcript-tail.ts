import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";

/** Most bytes read per poll, so catching up on a big file never holds more than this in memory at once. */
const READ_CHUNK = 4 * 1024 * 1024;
/** A "line" longer than this without a newline is not a transcript entry; it is dropped. */
const MAX_LINE = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

export type TailListener = {
  /** Whole lines, parsed; lines that are not JSON objects are counted in `malformed`. */
  onEntries(entries: Record<string, unknown>[], malformed: number): void;
  /** The file shrank or was replaced: reading starts again from its beginning. */
  onReset(reason: "truncated" | "replaced"): void;
  /** The file disappeared (or is not there yet); reading resumes when it is back. */
  onMissing(): void;
  /** After every poll, whether or not anything was read. */
  onPolled?(): void;
};

/**
 * Follows a JSONL file that another process appends to, by polling: reads only what was added since the last poll,
 * keeps a cut-off last line until its newline arrives (bytes, so a UTF-8 character split across writes is intact),
 * and notices a file that was truncated, replaced or deleted. Read-only.
 */
export class TranscriptTail {
  private offset = 0;
  private inode: number | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private isMissing = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** `fromEnd`: skip what the file holds now (a resumed session's earlier turns are already known). */
  constructor(
    private readonly path: () => string,
    private readonly listener: TailListener,
    private readonly opts: { fromEnd: boolean; intervalMs?: number } = { fromEnd: false },
  ) {}

  start(): void {
    if (this.opts.fromEnd) this.skipToEnd();
    this.timer = setInterval(() => this.poll(), this.opts.intervalMs ?? 250);
    this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads whatever was appended since the last call (the timer calls it; tests may too). */
  poll(): void {
    this.read();
    this.listener.onPolled?.();
  }

  private read(): void {
    let fd: number;
    try {
      fd = openSync(this.path(), "r");
    } catch {
      if (!this.isMissing) this.listener.onMissing();
      this.isMissing = true;
      return;
    }
    try {
      const isBack = this.isMissing;
      this.isMissing = false;
      this.readFrom(fd, isBack);
    } finally {
      closeSync(fd);
    }
  }

  private skipToEnd(): void {
    try {
      const stat = statSync(this.path());
      this.offset = stat.size;
      this.inode = stat.ino;
    } catch {
      // Not there yet: everything it will hold is new.
    }
  }

  /** `isBack`: the file was missing at the last poll, so whatever is there now is a new file. */
  private readFrom(fd: number, isBack: boolean): void {
    const stat = fstatSync(fd);
    if (this.inode !== null && (isBack || stat.ino !== this.inode)) this.restart("replaced");
    else if (stat.size < this.offset) this.restart("truncated");
    this.inode = stat.ino;
    while (this.offset < stat.size) {
      const buffer = Buffer.alloc(Math.min(READ_CHUNK, stat.size - this.offset));
      const read = readSync(fd, buffer, 0, buffer.length, this.offset);
      if (read <= 0) break;
      this.offset += read;
      this.take(buffer.subarray(0, read));
    }
  }

  private restart(reason: "truncated" | "replaced"): void {
    this.offset = 0;
    this.pending = [];
    this.pendingBytes = 0;
    this.listener.onReset(reason);
  }

  private take(chunk: Buffer): void {
    const entries: Record<string, unknown>[] = [];
    let malformed = 0;
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const line = this.pendingBytes > 0 ? Buffer.concat([...this.pending, chunk.subarray(start, end)]) : chunk.subarray(start, end);
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
      const entry = parseLine(line);
      if (entry === "blank") continue;
      if (entry) entries.push(entry);
      else malformed++;
    }
    if (start < chunk.length) {
      this.pending.push(Buffer.from(chunk.subarray(start)));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_LINE) {
        this.pending = [];
        this.pendingBytes = 0;
        malformed++;
      }
    }
    if (entries.length > 0 || malformed > 0) this.listener.onEntries(entries, malformed);
  }
}

function parseLine(line: Buffer): Record<string, unknown> | null | "blank" {
  const text = line.toString("utf8").trim();
  if (text === "") return "blank";
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

import type { CliMessage, CliProcessListener, MalformedLineInfo } from "./contracts.ts";

/** Where a framer delivers complete lines and lines it had to drop. */
export type FramerSink = {
  onLine(line: string): void;
  onMalformed(info: MalformedLineInfo): void;
};

/** Default longest line we keep, in UTF-16 code units (~bytes for the ASCII-heavy JSON the CLI writes). */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;

const PREVIEW_LENGTH = 200;

/**
 * Splits a byte or text stream into NDJSON lines. Decodes UTF-8 across chunk boundaries, strips the CR of CRLF,
 * skips blank lines, and joins a long line's pieces once (no quadratic concatenation). A line longer than
 * `maxLineLength` is dropped and reported as malformed; framing resumes at the next newline.
 */
export class NdjsonFramer {
  private readonly decoder = new TextDecoder("utf-8");
  private parts: string[] = [];
  private pendingLength = 0;
  private isDiscarding = false;
  private discardPreview = "";
  private delivered = 0;

  constructor(
    private readonly sink: FramerSink,
    private readonly maxLineLength: number = DEFAULT_MAX_LINE_LENGTH,
  ) {}

  /** Feeds the next chunk; complete lines are delivered before this returns. Returns how many were (incl. malformed). */
  push(chunk: Uint8Array | string): number {
    const delivered = this.delivered;
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      this.append(text.slice(start, newline));
      this.finishLine();
      start = newline + 1;
    }
    if (start < text.length) this.append(start === 0 ? text : text.slice(start));
    return this.delivered - delivered;
  }

  /** Flushes the decoder and delivers a last line that had no trailing newline; returns how many lines that was. */
  end(): number {
    const delivered = this.delivered;
    const rest = this.decoder.decode();
    if (rest.length > 0) this.append(rest);
    if (this.pendingLength > 0 || this.isDiscarding) this.finishLine();
    return this.delivered - delivered;
  }

  private append(piece: string): void {
    if (piece.length === 0) return;
    this.pendingLength += piece.length;
    if (this.isDiscarding) return;
    if (this.pendingLength > this.maxLineLength) {
      this.isDiscarding = true;
      this.discardPreview = headOf([...this.parts, piece]);
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private finishLine(): void {
    const length = this.pendingLength;
    if (this.isDiscarding) {
      const reason = `line longer than ${this.maxLineLength} characters`;
      this.delivered += 1;
      this.sink.onMalformed({ reason, length, preview: this.discardPreview });
    } else if (length > 0) {
      const joined = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join("");
      const line = joined.endsWith("\r") ? joined.slice(0, -1) : joined;
      if (!isBlank(line)) {
        this.delivered += 1;
        this.sink.onLine(line);
      }
    }
    this.parts = [];
    this.pendingLength = 0;
    this.isDiscarding = false;
    this.discardPreview = "";
  }
}

function headOf(pieces: string[]): string {
  let head = "";
  for (const piece of pieces) {
    if (head.length >= PREVIEW_LENGTH) break;
    head += piece.slice(0, PREVIEW_LENGTH - head.length);
  }
  return head;
}

/** Stops at the first visible character, so a long JSON line costs nothing here. */
function isBlank(line: string): boolean {
  return !/\S/.test(line);
}

/** The result of reading one line as a CLI message. */
export type ParsedCliLine = { ok: true; message: CliMessage } | { ok: false; info: MalformedLineInfo };

/** Parses one NDJSON line: a JSON object with a string `type`, anything else is malformed. */
export function parseCliLine(line: string): ParsedCliLine {
  const malformed = (reason: string): ParsedCliLine => ({
    ok: false,
    info: { reason, length: line.length, preview: line.slice(0, PREVIEW_LENGTH) },
  });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return malformed(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return malformed("not a JSON object");
  if (typeof (value as { type?: unknown }).type !== "string") return malformed("missing string `type`");
  return { ok: true, message: value as CliMessage };
}

/** A framer that parses each line and hands messages and bad lines to a CLI process listener. */
export function createCliLineFramer(
  listener: Pick<CliProcessListener, "onMessage" | "onMalformedLine">,
  maxLineLength?: number,
): NdjsonFramer {
  const onLine = (line: string) => {
    const parsed = parseCliLine(line);
    if (parsed.ok) listener.onMessage(parsed.message);
    else listener.onMalformedLine(parsed.info);
  };
  return new NdjsonFramer({ onLine, onMalformed: (info) => listener.onMalformedLine(info) }, maxLineLength);
}

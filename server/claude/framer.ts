import { deltaTrace } from "../lib/delta-trace.ts";
import type { CliMessage, CliProcessListener, MalformedLineInfo } from "./contracts.ts";
import { messageOf } from "../../shared/error-message.ts";
import { DEFAULT_MAX_LINE_LENGTH } from "./line-limit.ts";

/** Where a framer delivers complete lines and lines it had to drop. */
export type FramerSink = {
  onLine(line: string): void;
  onMalformed(info: MalformedLineInfo): void;
};

const PREVIEW_LENGTH = 200;
const NEWLINE = 10;
const CR = 13;
const decodeUtf8 = (bytes: Uint8Array, start: number, end: number): string => Buffer.prototype.toString.call(bytes, "utf8", start, end);

/**
 * Splits a byte or text stream into NDJSON lines. Strips the CR of CRLF, skips blank lines, and joins a long line's
 * pieces once (no quadratic concatenation). A line longer than `maxLineLength` is dropped and reported as malformed;
 * framing resumes at the next newline.
 *
 * Bytes are cut at newlines first and each line is decoded on its own (ADR 0043): no string as long as the chunk is
 * made and no line is a substring of one, and a line of ASCII stays one byte per character in memory even when
 * another line of the chunk is not ASCII. A multi-byte character cut between chunks is decoded whole, with its line.
 */
export class NdjsonFramer {
  /** The pending line: its text pieces, then its byte pieces (bytes pushed after text are decoded with the line). */
  private parts: string[] = [];
  private byteParts: Uint8Array[] = [];
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
    if (typeof chunk === "string") this.pushText(chunk);
    else this.pushBytes(chunk);
    return this.delivered - delivered;
  }

  /** Delivers a last line that had no trailing newline; returns how many lines that was. */
  end(): number {
    const delivered = this.delivered;
    if (this.pendingLength > 0 || this.isDiscarding) this.finishLine();
    return this.delivered - delivered;
  }

  private pushText(text: string): void {
    // Bytes of this line came first: they become text before it.
    if (this.byteParts.length > 0) this.parts.push(this.takeBytes());
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      this.append(text.slice(start, newline));
      this.finishLine();
      start = newline + 1;
    }
    if (start < text.length) this.append(start === 0 ? text : text.slice(start));
  }

  private pushBytes(bytes: Uint8Array): void {
    let start = 0;
    for (let newline = bytes.indexOf(NEWLINE); newline !== -1; newline = bytes.indexOf(NEWLINE, start)) {
      if (this.pendingLength === 0 && !this.isDiscarding) this.finishWholeLine(bytes, start, newline);
      else {
        this.appendBytes(bytes.subarray(start, newline));
        this.finishLine();
      }
      start = newline + 1;
    }
    // The rest of a line, kept until its newline comes (a copy: the caller may reuse its buffer).
    if (start < bytes.length) this.appendBytes(bytes.slice(start));
  }

  /** The common case: a whole line inside one chunk, decoded straight from it. */
  private finishWholeLine(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (length === 0) return;
    if (length > this.maxLineLength) {
      this.delivered += 1;
      const preview = decodeUtf8(bytes, start, Math.min(end, start + PREVIEW_LENGTH * 4)).slice(0, PREVIEW_LENGTH);
      this.sink.onMalformed({ reason: `line longer than ${this.maxLineLength} characters`, length, preview });
      return;
    }
    this.deliver(decodeUtf8(bytes, start, bytes[end - 1] === CR ? end - 1 : end));
  }

  private append(piece: string): void {
    if (piece.length === 0) return;
    this.pendingLength += piece.length;
    if (this.isDiscarding) return;
    if (this.pendingLength > this.maxLineLength) return this.startDiscarding(piece);
    this.parts.push(piece);
  }

  private appendBytes(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.pendingLength += piece.length;
    if (this.isDiscarding) return;
    this.byteParts.push(piece);
    if (this.pendingLength > this.maxLineLength) this.startDiscarding("");
  }

  /** The pending line is too long: only its head is kept, for the report. */
  private startDiscarding(piece: string): void {
    this.isDiscarding = true;
    const head = headOf([...this.parts, piece]);
    const bytes = this.byteParts.length > 0 && head.length < PREVIEW_LENGTH ? Buffer.concat(this.byteParts, Math.min(PREVIEW_LENGTH * 4, byteLengthOf(this.byteParts))) : null;
    this.discardPreview = bytes ? (head + decodeUtf8(bytes, 0, bytes.length)).slice(0, PREVIEW_LENGTH) : head;
    this.parts = [];
    this.byteParts = [];
  }

  /** The pending byte pieces as text (decoded together, so a character cut between them is whole). */
  private takeBytes(): string {
    const pieces = this.byteParts;
    this.byteParts = [];
    const bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces);
    return decodeUtf8(bytes, 0, bytes.length);
  }

  private finishLine(): void {
    const length = this.pendingLength;
    if (this.isDiscarding) {
      const reason = `line longer than ${this.maxLineLength} characters`;
      this.delivered += 1;
      this.sink.onMalformed({ reason, length, preview: this.discardPreview });
    } else if (length > 0) {
      if (this.byteParts.length > 0) this.parts.push(this.takeBytes());
      const joined = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join("");
      this.deliver(joined.endsWith("\r") ? joined.slice(0, -1) : joined);
    }
    this.parts.length = 0;
    this.byteParts.length = 0;
    this.pendingLength = 0;
    this.isDiscarding = false;
    this.discardPreview = "";
  }

  private deliver(line: string): void {
    if (isBlank(line)) return;
    this.delivered += 1;
    this.sink.onLine(line);
  }
}

function byteLengthOf(pieces: Uint8Array[]): number {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  return length;
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
  const parsed = parseObject(line);
  return typeof parsed === "string" ? { ok: false, info: malformed(line, parsed) } : { ok: true, message: parsed };
}

/** The line's message, or why it is not one (no result object: this runs for every line the CLI writes). */
function parseObject(line: string): CliMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `invalid JSON: ${messageOf(error)}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  if (typeof (value as { type?: unknown }).type !== "string") return "missing string `type`";
  return value as CliMessage;
}

function malformed(line: string, reason: string): MalformedLineInfo {
  return { reason, length: line.length, preview: line.slice(0, PREVIEW_LENGTH) };
}

/** A framer that parses each line and hands messages and bad lines to a CLI process listener. */
export function createCliLineFramer(
  listener: Pick<CliProcessListener, "onMessage" | "onMalformedLine">,
  maxLineLength?: number,
): NdjsonFramer {
  const onLine = (line: string) => {
    deltaTrace?.read(line);
    const parsed = parseObject(line);
    if (typeof parsed === "string") listener.onMalformedLine(malformed(line, parsed));
    else listener.onMessage(parsed);
  };
  return new NdjsonFramer({ onLine, onMalformed: (info) => listener.onMalformedLine(info) }, maxLineLength);
}

import { closeSync, openSync, readSync, statSync } from "node:fs";
import { newId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { Message } from "../../../shared/protocol/model.ts";
import { CliTranslator } from "../translate.ts";
import { entryToCliMessage, turnSignal } from "./transcript-entries.ts";

/** Read backwards this much at a time. */
const CHUNK_BYTES = 256 * 1024;
/** A page never reads more than this, even when its turns are longer (a 100 MB transcript stays cheap to open). */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** A page of a session transcript as messages; `olderCursor` (a byte offset) reads the page before it, null at the start. */
export type TranscriptPage = { messages: Message[]; olderCursor: number | null; sizeBytes: number };

type Line = { offset: number; entry: Record<string, unknown> };

/**
 * The last `turns` prompts of a Claude Code session transcript before byte `before` (the end when omitted), with
 * everything that followed each, as the timeline's messages (through the same translator as stream-json). Reads
 * backwards in chunks, whole lines only; a page starts at a prompt so its turns are whole, unless one turn alone is
 * longer than {@link MAX_PAGE_BYTES}.
 */
export function readTranscriptPage(path: string, options: { before?: number; turns: number }): TranscriptPage {
  const sizeBytes = statSync(path).size;
  const end = Math.min(options.before ?? sizeBytes, sizeBytes);
  const lines = linesBackwards(path, end, options.turns);
  const first = lines[0];
  const olderCursor = first && first.offset > 0 ? first.offset : null;
  return { messages: toMessages(lines.map((line) => line.entry)), olderCursor, sizeBytes };
}

/** Whole lines before `end`, oldest first, back to the `turns`-th prompt (or the start, or the byte cap). */
function linesBackwards(path: string, end: number, turns: number): Line[] {
  const fd = openSync(path, "r");
  try {
    const lines: Line[] = [];
    let start = end;
    let carry = Buffer.alloc(0);
    let prompts = 0;
    while (start > 0 && end - start < MAX_PAGE_BYTES) {
      const from = Math.max(0, start - CHUNK_BYTES);
      const chunk = Buffer.alloc(start - from);
      readSync(fd, chunk, 0, chunk.length, from);
      const bytes = Buffer.concat([chunk, carry]);
      // The first piece may be the tail of a longer line: kept for the next chunk unless this is the file's start.
      const newline = bytes.indexOf(0x0a);
      const cut = from === 0 ? 0 : newline === -1 ? bytes.length : newline + 1;
      carry = bytes.subarray(0, cut);
      const found = parseLines(bytes.subarray(cut), from + cut).reverse();
      for (const line of found) {
        lines.push(line);
        if (turnSignal(line.entry) === "running" && (prompts += 1) >= turns) return lines.reverse();
      }
      start = from;
    }
    return lines.reverse();
  } finally {
    closeSync(fd);
  }
}

/** The JSON lines of `bytes` (which begins a line at file offset `offset`); unreadable lines are skipped. */
function parseLines(bytes: Buffer, offset: number): Line[] {
  const out: Line[] = [];
  let at = 0;
  while (at < bytes.length) {
    const newline = bytes.indexOf(0x0a, at);
    const stop = newline === -1 ? bytes.length : newline;
    const text = bytes.subarray(at, stop).toString("utf8").trim();
    if (text.startsWith("{")) {
      try {
        out.push({ offset: offset + at, entry: JSON.parse(text) as Record<string, unknown> });
      } catch {
        // A cut-off last line (the CLI is still writing it) or a damaged one: not part of the page.
      }
    }
    at = stop + 1;
  }
  return out;
}

/** Entries → messages, dated by their own timestamps. */
function toMessages(entries: Record<string, unknown>[]): Message[] {
  let now = 0;
  const translator = new CliTranslator({ ids: { messageId: () => newId("message"), partId: () => newId("part"), permissionId: () => newId("permission") }, now: () => now, transport: null });
  const events: DomainEvent[] = [];
  for (const entry of entries) {
    const message = entryToCliMessage(entry);
    if (!message) continue;
    const stamp = typeof entry["timestamp"] === "string" ? Date.parse(entry["timestamp"]) : Number.NaN;
    if (!Number.isNaN(stamp)) now = stamp;
    events.push(...translator.translate(message));
  }
  return foldMessages(events);
}

function foldMessages(events: DomainEvent[]): Message[] {
  const byId = new Map<string, Message>();
  for (const event of events) {
    if (event.type === "message.created") byId.set(event.message.id, { ...event.message, parts: [...event.message.parts] });
    if (event.type !== "message.part.updated") continue;
    const message = byId.get(event.messageId);
    if (!message) continue;
    const index = message.parts.findIndex((part) => part.id === event.part.id);
    if (index === -1) message.parts.push(event.part);
    else message.parts[index] = event.part;
  }
  return [...byId.values()];
}

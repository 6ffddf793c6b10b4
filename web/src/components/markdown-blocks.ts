/**
 * Splits markdown into top-level blocks that render the same alone as together, so a streaming answer re-parses only
 * its last block. A boundary is a blank line outside a code fence followed by an unindented line, except between the
 * items of one list (a loose list stays one block). Decisions are made on complete lines only, so a block before the
 * last one (a closed block) never changes while the text grows.
 */
import { textSince, type TextLog } from "../lib/text-log.ts";
import { openMarks } from "./markdown-inline-marks.ts";

/** Closed blocks are grouped in chunks of this many: the page keeps a finished chunk as it is (ADR 0033). */
export const BLOCKS_PER_CHUNK = 32;
/** While it streams, the open block is shown in pieces of about this many characters, cut at a line (ADR 0037). */
export const PIECE_CHARS = 500;
/** While it streams, an open code fence is shown in chunks of this many lines (ADR 0037). */
export const FENCE_LINES_PER_CHUNK = 16;
/**
 * A block this long is shown in pieces for good, not rendered whole once it closes or the stream ends: formatting it
 * whole (~10 µs per character) would be one long task, and its pieces are already on the page (ADR 0044).
 */
export const WHOLE_BLOCK_CHARS = 8 * PIECE_CHARS;
/**
 * A piece inside a paragraph waits for a line where no emphasis, code span or link is left open (one spanning the
 * cut would show literally), but no longer than this: a line that never balances still gets cut.
 */
export const MAX_PIECE_CHARS = 4 * PIECE_CHARS;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;
const ORDERED_ITEM = /^(\d{1,9})([.)])(?:\s|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)\s*$/;
/** A line that starts a block of its own even without a blank line before it: nothing inline spans into it. */
const STARTS_BLOCK = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^ {0,3}(?:#{1,6}(?:\s|$)|>)/;
/** A link reference definition on one line: `[label]: destination "title"`. */
const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*\S/;
/** Something a reference definition could make a link: `[text][label]`, `[label][]` or `[label]` not followed by `(`. */
const REFERENCE = /\[[^\]\n]+\](?![(:])/;

/**
 * The open (last) block as a streaming page shows it, so that what it renders per update does not grow with the
 * block: closed pieces of markdown (each renders alone, cut before a line that starts a paragraph or list item once
 * a piece has PIECE_CHARS and nothing inline is left open, MAX_PIECE_CHARS at most; the piece of a numbered list goes
 * on counting), then either an open code fence (its opening line, closed chunks of lines, and the lines still being
 * written) or the markdown still growing. An approximation while the text streams (a paragraph cut in two shows as
 * two): once the block closes or the stream ends, the page renders the whole block (one of WHOLE_BLOCK_CHARS or more
 * keeps these pieces).
 */
export type OpenBlock = {
  /** Closed pieces in groups of BLOCKS_PER_CHUNK (a full group's array never changes). */
  readonly pieces: Groups;
  /** An open fence: its opening line, closed chunks of lines in groups of BLOCKS_PER_CHUNK, and the growing lines. */
  readonly fence: { readonly opener: string; readonly chunks: Groups; readonly tail: string } | null;
  readonly rest: string;
};

/** Strings in groups: a page keeps a full group as it is, so it compares one prop per group, not one per string. */
export type Groups = readonly (readonly string[])[];

/** `groups` with `item` added to the last group, or to a new one when the last is full. */
function appendGrouped(groups: Groups, item: string): Groups {
  const last = groups.at(-1);
  return last && last.length < BLOCKS_PER_CHUNK ? [...groups.slice(0, -1), [...last, item]] : [...groups, [item]];
}

type ShownFence = { opener: string; chunks: Groups; lines: string; count: number };

/**
 * A markdown text split incrementally as it grows. `update` with an extension of the previous text reads only the
 * added text: complete lines are classified once (the scan's state is kept between updates), each closed block's
 * string is made once, and closed blocks are grouped in chunks whose arrays never change once full, so what a page
 * renders per update does not grow with the answer, nor with the open block (`open`).
 */
export class MarkdownBlocks {
  private text = "";
  /** The log `text` came from (updateFrom), or null. */
  private log: TextLog | null = null;
  /** Closed blocks in chunks of BLOCKS_PER_CHUNK; the last may be filling (its array is replaced when it grows). */
  private readonly closed: (readonly string[])[] = [];
  /** The open block's complete lines (each with its newline) and the line still being written. */
  private blockLines = "";
  private pending = "";
  // The scan's state at the end of the complete lines.
  private fence: string | null = null;
  private isBlockList = false;
  private isAfterBlank = false;
  // The open block as shown while streaming.
  private pieces: Groups = [];
  private pieceLines = "";
  /** Inline marks the piece's current paragraph leaves open (see `openMarks`); a cut waits until it is 0. */
  private openInline = 0;
  /** In a block that is a numbered list: the number its next top-level item has, and its delimiter. */
  private numbering: { next: number; delimiter: string } | null = null;
  private shownFence: ShownFence | null = null;
  private cachedTail: string | null = "";
  /** Link reference definitions seen so far (one line each), and whether the next line may be one. */
  private definitionLines: readonly string[] = [];
  private cachedDefinitions = "";
  private isDefinitionAllowed = true;
  private cachedOpen: OpenBlock | null = null;

  /** Brings the split up to `text`: reads only what was added when it extends the previous text, else starts over. */
  update(text: string): this {
    this.log = null;
    if (text === this.text) return this;
    if (text.length < this.text.length || !text.startsWith(this.text)) this.reset();
    const added = text.slice(this.text.length);
    this.text = text;
    return this.append(added);
  }

  /**
   * Brings the split up to `text`, whose deltas are `log` (the whole text): when the log extends the one read last
   * time, only its new deltas are read and `text` itself is not (reading a grown string makes V8 copy all of it).
   */
  updateFrom(text: string, log: TextLog | undefined): this {
    if (log === undefined || log.length !== text.length) return this.update(text);
    if (log === this.log) return this;
    const added = this.log === null ? null : textSince(log, this.log);
    if (added === null) this.update(text);
    else {
      this.text = text;
      this.append(added);
    }
    this.log = log;
    return this;
  }

  /** Adds text at the end (what `update` does with the part of a text that extends the previous one). */
  append(added: string): this {
    if (added === "") return this;
    const lines = this.pending + added;
    let at = 0;
    for (let end = lines.indexOf("\n"); end !== -1; end = lines.indexOf("\n", at)) {
      this.line(lines.slice(at, end));
      at = end + 1;
    }
    this.pending = at === 0 ? lines : lines.slice(at);
    this.cachedTail = null;
    this.cachedOpen = null;
    return this;
  }

  /** Closed blocks grouped in chunks (full chunks keep their array; only the last one's is ever replaced). */
  get chunks(): readonly (readonly string[])[] {
    return this.closed;
  }

  /** The open block: the text after the last boundary, trailing blank lines trimmed. */
  get tail(): string {
    this.cachedTail ??= trimEnd(this.blockLines + this.pending);
    return this.cachedTail;
  }

  /** The open block in pieces that each stay the same once made (for a page while the text streams). */
  get open(): OpenBlock {
    const fence = this.shownFence;
    this.cachedOpen ??= {
      pieces: this.pieces,
      fence: fence ? { opener: fence.opener, chunks: fence.chunks, tail: fence.lines + this.pending } : null,
      rest: fence ? "" : trimEnd(this.pieceLines + this.pending),
    };
    return this.cachedOpen;
  }

  /**
   * The link reference definitions of the whole text so far, one per line (a block rendered alone would not see a
   * definition written in another block; `withDefinitions` adds them). Changes only when a definition is added.
   */
  get definitions(): string {
    return this.cachedDefinitions;
  }

  /**
   * What a page renders: the closed chunks, the link definitions, and the open block either whole (`tail`) or, while
   * `isStreaming` and once it has a closed piece or an open fence, in pieces (`pieces`, `tail` then empty). A short
   * open block renders whole so that closing it costs no second parse; the whole tail of a long one is not even made.
   */
  view(isStreaming: boolean): { chunks: readonly (readonly string[])[]; tail: string; pieces: OpenBlock | null; definitions: string } {
    const open = isStreaming ? this.open : null;
    const pieces = open !== null && (open.pieces.length > 0 || open.fence !== null) ? open : null;
    return { chunks: this.closed, tail: pieces ? "" : this.tail, pieces, definitions: this.cachedDefinitions };
  }

  /** Every block as a string: the closed ones, then the open one (for tests and short texts). */
  get blocks(): string[] {
    return [...this.closed.flat(), this.tail];
  }

  /** One complete line (without its newline): a boundary before it closes the open block. */
  private line(line: string): void {
    if (this.fence !== null) {
      if (closesFence(line, this.fence)) {
        this.fence = null;
        this.isDefinitionAllowed = true;
        this.closeShownFence(line);
      } else this.addFenceLine(line);
    } else if (line.trim() === "") {
      this.isAfterBlank = this.blockLines !== "";
      this.isDefinitionAllowed = true;
      this.pieceLines += `${line}\n`;
      // A blank line ends the paragraph: what it left open stays literal whether or not a cut follows.
      this.openInline = 0;
    } else {
      const isItem = LIST_ITEM.test(line);
      if (this.isAfterBlank && !/^\s/.test(line) && !(this.isBlockList && isItem)) this.closeBlock();
      if (this.blockLines === "") this.isBlockList = isItem;
      this.isAfterBlank = false;
      // A definition starts a paragraph or follows another one; it cannot continue a paragraph.
      const isDefinition = this.isDefinitionAllowed && DEFINITION.test(line);
      if (isDefinition) this.addDefinition(line.trim());
      this.isDefinitionAllowed = isDefinition;
      this.fence = opensFence(line);
      if (this.fence !== null) this.openShownFence(line);
      else {
        if (STARTS_BLOCK.test(line)) this.openInline = 0;
        if (this.pieceLines.length >= PIECE_CHARS && startsPiece(line) && (this.openInline === 0 || this.pieceLines.length >= MAX_PIECE_CHARS)) this.cutPiece();
        this.pieceLines += `${this.numbered(line)}\n`;
        this.openInline = openMarks(line, this.openInline);
      }
    }
    this.blockLines += `${line}\n`;
  }

  /**
   * A top-level item of a numbered list as the piece shows it. A piece renders alone, and a list's numbers count from
   * its first item's number: a piece starting with "1." (lists numbered "1." throughout are valid markdown) would count
   * from 1 again. So the first item of a piece gets the number it has in the whole list; the block's text is unchanged.
   */
  private numbered(line: string): string {
    if (!this.isBlockList || /^\s/.test(line)) return line;
    const item = ORDERED_ITEM.exec(line);
    if (!item) {
      // A bullet item at the top level starts another list.
      if (LIST_ITEM.test(line)) this.numbering = null;
      return line;
    }
    const [, digits, delimiter] = item as unknown as [string, string, string];
    // Another delimiter starts another list (CommonMark), numbered from its own first item.
    if (this.numbering?.delimiter !== delimiter) this.numbering = { next: Number(digits), delimiter };
    const number = this.numbering.next++;
    return this.pieceLines === "" && String(number) !== digits ? `${number}${line.slice(digits.length)}` : line;
  }

  private closeBlock(): void {
    const block = trimEnd(this.blockLines);
    const last = this.closed.at(-1);
    if (last && last.length < BLOCKS_PER_CHUNK) this.closed[this.closed.length - 1] = [...last, block];
    else this.closed.push([block]);
    this.blockLines = "";
    this.pieces = [];
    this.pieceLines = "";
    this.openInline = 0;
    this.numbering = null;
    this.shownFence = null;
  }

  private addDefinition(line: string): void {
    this.definitionLines = [...this.definitionLines, line];
    this.cachedDefinitions = this.definitionLines.join("\n");
  }

  private cutPiece(): void {
    const piece = trimEnd(this.pieceLines);
    if (piece.trim() !== "") this.pieces = appendGrouped(this.pieces, piece);
    this.pieceLines = "";
    this.openInline = 0;
  }

  private openShownFence(opener: string): void {
    this.cutPiece();
    this.shownFence = { opener, chunks: [], lines: "", count: 0 };
  }

  private addFenceLine(line: string): void {
    const fence = this.shownFence as ShownFence;
    fence.lines += `${line}\n`;
    if (++fence.count < FENCE_LINES_PER_CHUNK) return;
    fence.chunks = appendGrouped(fence.chunks, fence.lines);
    fence.lines = "";
    fence.count = 0;
  }

  /** A fence closed inside the open block becomes one piece (rendered whole once, highlighted). */
  private closeShownFence(closer: string): void {
    const fence = this.shownFence as ShownFence;
    this.pieces = appendGrouped(this.pieces, `${fence.opener}\n${fence.chunks.flat().join("")}${fence.lines}${closer}`);
    this.shownFence = null;
  }

  private reset(): void {
    this.text = "";
    this.log = null;
    this.closed.length = 0;
    this.blockLines = "";
    this.pending = "";
    this.fence = null;
    this.isBlockList = false;
    this.isAfterBlank = false;
    this.pieces = [];
    this.pieceLines = "";
    this.openInline = 0;
    this.numbering = null;
    this.shownFence = null;
    this.cachedTail = "";
    this.cachedOpen = null;
    this.definitionLines = [];
    this.cachedDefinitions = "";
    this.isDefinitionAllowed = true;
  }
}

/**
 * A block with the text's link reference definitions after it when it may use one (definitions render nothing), so
 * `[text][label]` links though `[label]: url` is in another block.
 */
export function withDefinitions(block: string, definitions: string): string {
  return definitions !== "" && REFERENCE.test(block) ? `${block}\n\n${definitions}` : block;
}

/**
 * A whole (closed) block in the pieces a stream of it showed (`MarkdownBlocks.open`): the same closed pieces, then the
 * rest, or a fence the block leaves open at its end. A page shows a block of WHOLE_BLOCK_CHARS or more this way.
 */
export function piecesOf(block: string): OpenBlock {
  return new MarkdownBlocks().update(`${block}\n`).open;
}

/**
 * A block that is one fenced code block, in the chunks of lines a stream of it showed (so what was highlighted then is
 * highlighted again from the same strings), or null for any other block. The chunks are grouped like pieces.
 */
export function fenceChunks(block: string): { opener: string; chunks: Groups; tail: string } | null {
  const firstNewline = block.indexOf("\n");
  const lastNewline = block.lastIndexOf("\n");
  if (firstNewline === -1 || lastNewline === firstNewline) return null;
  const opener = block.slice(0, firstNewline);
  const fence = opensFence(opener);
  if (fence === null || !closesFence(block.slice(lastNewline + 1), fence)) return null;
  const lines = block.slice(firstNewline + 1, lastNewline + 1).split(/(?<=\n)/);
  if (lines.some((line) => closesFence(line.slice(0, -1), fence))) return null;
  let chunks: Groups = [];
  for (let at = 0; at + FENCE_LINES_PER_CHUNK <= lines.length; at += FENCE_LINES_PER_CHUNK) chunks = appendGrouped(chunks, lines.slice(at, at + FENCE_LINES_PER_CHUNK).join(""));
  return { opener, chunks, tail: lines.slice(lines.length - (lines.length % FENCE_LINES_PER_CHUNK)).join("") };
}

/** Blocks of a whole text, e.g. `["# Title", "One\ntwo"]`. */
export function splitMarkdownBlocks(text: string): string[] {
  return new MarkdownBlocks().update(text).blocks;
}

function trimEnd(block: string): string {
  let end = block.length;
  while (end > 0 && block.charCodeAt(end - 1) === 10) end -= 1;
  return end === block.length ? block : block.slice(0, end);
}

/**
 * Whether a piece of an open block may start at this line and render nearly as it would in place: an unindented line
 * that is not a table row or a setext underline (those belong to the lines before them).
 */
function startsPiece(line: string): boolean {
  return !/^\s/.test(line) && !line.includes("|") && !SETEXT_UNDERLINE.test(line);
}

/** The fence a line opens (its backticks or tildes), or null; a backtick fence's info string has no backtick. */
function opensFence(line: string): string | null {
  const opened = FENCE.exec(line);
  if (!opened) return null;
  const [, fence, info] = opened as unknown as [string, string, string];
  return fence.startsWith("`") && info.includes("`") ? null : fence;
}

/** CommonMark: a closing fence is the same character, at least as long, indented ≤ 3, with nothing after it. */
function closesFence(line: string, fence: string): boolean {
  const closing = FENCE.exec(line);
  if (!closing) return false;
  const [, marks, rest] = closing as unknown as [string, string, string];
  return marks[0] === fence[0] && marks.length >= fence.length && rest.trim() === "";
}

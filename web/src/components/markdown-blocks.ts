/**
 * Splits markdown into top-level blocks that render the same alone as together, so a streaming answer re-parses only
 * its last block. A boundary is a blank line outside a code fence followed by an unindented line, except between the
 * items of one list (a loose list stays one block). Decisions are made on complete lines only, so a block before the
 * last one (a closed block) never changes while the text grows.
 */

/** Closed blocks are grouped in chunks of this many: the page keeps a finished chunk as it is (ADR 0033). */
export const BLOCKS_PER_CHUNK = 32;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

/**
 * A markdown text split incrementally as it grows. `update` with an extension of the previous text scans only the
 * open (last) block again; each closed block's string is made once and kept, and closed blocks are grouped in chunks
 * whose arrays never change once full, so what a page renders per update does not grow with the answer.
 */
export class MarkdownBlocks {
  private text = "";
  private tailStart = 0;
  /** Closed blocks in chunks of BLOCKS_PER_CHUNK; the last may be filling (its array is replaced when it grows). */
  private readonly closed: (readonly string[])[] = [];
  /** The open block: the text after the last boundary, trailing blank lines trimmed. */
  tail = "";

  /** Brings the split up to `text`: resumes when it extends the previous text, else starts over. */
  update(text: string): this {
    if (text === this.text) return this;
    if (text.length < this.text.length || !text.startsWith(this.text)) this.reset();
    this.text = text;
    let blockStart = this.tailStart;
    scanBoundaries(text, this.tailStart, (at) => {
      this.close(trimEnd(text.slice(blockStart, at)));
      blockStart = at;
    });
    this.tailStart = blockStart;
    this.tail = trimEnd(text.slice(blockStart));
    return this;
  }

  /** Closed blocks grouped in chunks (full chunks keep their array; only the last one's is ever replaced). */
  get chunks(): readonly (readonly string[])[] {
    return this.closed;
  }

  /** Every block as a string: the closed ones, then the open one (for tests and short texts). */
  get blocks(): string[] {
    return [...this.closed.flat(), this.tail];
  }

  private close(block: string): void {
    const last = this.closed.at(-1);
    if (last && last.length < BLOCKS_PER_CHUNK) this.closed[this.closed.length - 1] = [...last, block];
    else this.closed.push([block]);
  }

  private reset(): void {
    this.text = "";
    this.tailStart = 0;
    this.closed.length = 0;
    this.tail = "";
  }
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
 * Calls `onBoundary(offset)` for each block boundary after `from` (the start of the open block), on complete lines
 * only: a line still being written may be the start of a fence or list.
 */
function scanBoundaries(text: string, from: number, onBoundary: (at: number) => void): void {
  let fence: string | null = null;
  let isBlockList = false;
  let isAfterBlank = false;
  let blockStart = from;
  let at = from;
  while (at < text.length) {
    const end = text.indexOf("\n", at);
    if (end === -1) break;
    const line = text.slice(at, end);
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
    } else if (line.trim() === "") {
      isAfterBlank = at !== blockStart;
    } else {
      const isItem = LIST_ITEM.test(line);
      if (isAfterBlank && !/^\s/.test(line) && !(isBlockList && isItem)) {
        onBoundary(at);
        blockStart = at;
      }
      if (at === blockStart) isBlockList = isItem;
      isAfterBlank = false;
      fence = opensFence(line);
    }
    at = end + 1;
  }
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

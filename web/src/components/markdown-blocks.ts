/**
 * Splits markdown into top-level blocks that render the same alone as together, so a streaming answer re-parses only
 * its last block. A boundary is a blank line outside a code fence followed by an unindented line, except between the
 * items of one list (a loose list stays one block). Incremental: given the previous split of a prefix of `text`, only
 * the last block is scanned again, so the work per update does not grow with the length of the answer.
 */
export interface BlockSplit {
  text: string;
  /** Start offsets of each block in `text`; the first is 0. */
  starts: number[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

export function splitMarkdownBlocks(text: string, previous?: BlockSplit): BlockSplit {
  const canResume = previous !== undefined && text.length >= previous.text.length && text.startsWith(previous.text);
  const starts = canResume ? previous.starts.slice(0, -1) : [];
  const from = canResume ? (previous.starts.at(-1) ?? 0) : 0;
  starts.push(from);
  scanFrom(text, from, starts);
  return { text, starts };
}

/** Blocks as strings (trailing blank lines trimmed). */
export function blockTexts(split: BlockSplit): string[] {
  return split.starts.map((start, i) => split.text.slice(start, split.starts[i + 1] ?? split.text.length).replace(/\n+$/, ""));
}

function scanFrom(text: string, from: number, starts: number[]): void {
  let fence: string | null = null;
  let isBlockList = false;
  let isAfterBlank = false;
  let blockStart = from;
  let at = from;
  while (at < text.length) {
    const end = text.indexOf("\n", at);
    const lineEnd = end === -1 ? text.length : end;
    const line = text.slice(at, lineEnd);
    // A line still being written may be the start of a fence or list: decide boundaries on complete lines only.
    if (end === -1) break;
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) fence = null;
    } else if (line.trim() === "") {
      isAfterBlank = at !== blockStart;
    } else {
      const isItem = LIST_ITEM.test(line);
      const isBoundary = isAfterBlank && !/^\s/.test(line) && !(isBlockList && isItem);
      if (isBoundary) {
        starts.push(at);
        blockStart = at;
      }
      if (at === blockStart) isBlockList = isItem;
      isAfterBlank = false;
      const opened = FENCE.exec(line);
      if (opened) fence = (opened[1] as string).slice(0, 3);
    }
    at = lineEnd + 1;
  }
}

import type * as Jsdiff from "diff";
import { lazyModule } from "../../lib/lazy-module.ts";

/**
 * Saving a file with mixed line endings diffs its lines with the editor's; past these bounds (a rewrite of most of a
 * big file) the diff gives up and every line gets the file's most used ending.
 */
const MAX_EDITED_LINES = 500;
const LINE_DIFF_TIMEOUT_MS = 100;
/** jsdiff loads on the first save of a file with mixed line endings, not at start (saving stays synchronous). */
const jsdiff = lazyModule<typeof Jsdiff>("diff");

/** How many of the text's lines end with \r\n, a lone \r and a lone \n. */
function countLineEndings(text: string): { crlf: number; cr: number; lf: number } {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const cr = text.match(/\r(?!\n)/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return { crlf, cr, lf };
}

/** The line ending most of the lines end with: \r\n, \r or \n (also for a text with none). */
function mostUsedLineEnding({ crlf, cr, lf }: ReturnType<typeof countLineEndings>): string {
  if (crlf > lf && crlf >= cr) return "\r\n";
  return cr > lf ? "\r" : "\n";
}

/**
 * `edited` (\n lines) with the line endings of `current`: one consistent ending goes on every line; in a file that
 * mixes them, lines the edit left alone keep their own and new or changed lines get the most used one.
 */
export function withLineEndingsOf(current: string, edited: string): string {
  const counts = countLineEndings(current);
  const ending = mostUsedLineEnding(counts);
  const isMixed = [counts.crlf, counts.cr, counts.lf].filter((count) => count > 0).length > 1;
  const kept = isMixed ? keepingOwnLineEndings(current, edited, ending) : null;
  return kept ?? (ending === "\n" ? edited : edited.replaceAll("\n", ending));
}

/** See {@link withLineEndingsOf}; null when the line diff gives up (too many edited lines, or too slow). */
function keepingOwnLineEndings(current: string, edited: string, newLineEnding: string): string | null {
  // split with a capture group alternates line, ending, line, …; the last line has no ending (it may be "").
  const parts = current.split(/(\r\n|\r|\n)/);
  const oldLines = parts.filter((_, index) => index % 2 === 0);
  const oldEndings = parts.filter((_, index) => index % 2 === 1);
  const newLines = edited.split("\n");
  const changes = jsdiff.load().diffArrays(oldLines, newLines, { maxEditLength: MAX_EDITED_LINES, timeout: LINE_DIFF_TIMEOUT_MS });
  if (!changes) return null;
  const endings: string[] = [];
  let oldIndex = 0;
  for (const change of changes) {
    if (!change.removed) {
      for (let k = 0; k < change.count; k++) endings.push(change.added ? newLineEnding : (oldEndings[oldIndex + k] ?? newLineEnding));
    }
    if (!change.added) oldIndex += change.count;
  }
  const last = newLines.length - 1;
  return newLines.map((line, index) => (index === last ? line : line + endings[index])).join("");
}

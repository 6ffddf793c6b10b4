/* Shared by the server (new-side comments follow the file on disk) and the browser (old-side ones follow the diff's old text). */

/** Where a comment's lines are now: moved to `startLine`, or gone (`isOutdated`). */
export type Anchor = { startLine: number; endLine: number; isOutdated: boolean };

/** The text of lines `start..end` (1-based, inclusive) of `text`. */
export function linesOf(text: string, start: number, end: number): string {
  return text.split("\n").slice(start - 1, end).join("\n");
}

/**
 * Follows commented lines through edits by their content: if the lines are still where they were, nothing moves;
 * otherwise the occurrence of the same text nearest to the old place wins; if the text is gone the comment is
 * outdated and keeps its old line numbers.
 * @example reanchor("a\nb\nc", { startLine: 1, endLine: 1, anchorText: "c" }) // { startLine: 3, endLine: 3, isOutdated: false }
 */
export function reanchor(text: string, comment: { startLine: number; endLine: number; anchorText: string }): Anchor {
  const lines = text.split("\n");
  const wanted = comment.anchorText.split("\n");
  const span = wanted.length;
  const matchesAt = (start: number) => wanted.every((line, i) => lines[start - 1 + i] === line);
  if (matchesAt(comment.startLine)) return { startLine: comment.startLine, endLine: comment.startLine + span - 1, isOutdated: false };
  let best: number | null = null;
  for (let start = 1; start + span - 1 <= lines.length; start++) {
    if (!matchesAt(start)) continue;
    if (best === null || Math.abs(start - comment.startLine) < Math.abs(best - comment.startLine)) best = start;
  }
  if (best === null) return { startLine: comment.startLine, endLine: comment.endLine, isOutdated: true };
  return { startLine: best, endLine: best + span - 1, isOutdated: false };
}

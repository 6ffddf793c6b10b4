/**
 * A conflict as git writes it into a file: the lines (1-based) of its `<<<<<<<`, `|||||||` (in diff3 style, else
 * null), `=======` and `>>>>>>>` markers.
 */
export type ConflictHunk = { start: number; base: number | null; separator: number; end: number };

/** A marker line: seven or more of one marker character, alone or followed by a space and a label (`<<<<<<< HEAD`). */
const MARKER = /^(<{7,}|\|{7,}|={7,}|>{7,})(?: .*)?\r?$/;

/**
 * The conflict hunks in a text: `<<<<<<<`, then `=======` (after an optional `|||||||` base section), then `>>>>>>>`,
 * in that order and of one length (the lines of a text, or the text). A line of seven `=` alone (a reStructuredText or Markdown underline) is no conflict;
 * nor is a quote of `>>>>>>>` or an unclosed `<<<<<<<`.
 * @example conflictHunks("<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n") // [{ start: 1, base: null, separator: 3, end: 5 }]
 */
export function conflictHunks(text: string | Iterable<string>): ConflictHunk[] {
  const hunks: ConflictHunk[] = [];
  let open: { start: number; size: number; base: number | null; separator: number | null } | null = null;
  let number = 0;
  for (const line of typeof text === "string" ? text.split("\n") : text) {
    number++;
    const marker = MARKER.exec(line)?.[1];
    if (!marker) continue;
    const [kind, size] = [marker[0], marker.length];
    if (kind === "<") open = { start: number, size, base: null, separator: null };
    else if (!open || size !== open.size) continue;
    else if (kind === "|" && open.separator === null) open.base ??= number;
    else if (kind === "=" && open.separator === null) open.separator = number;
    else if (kind === ">" && open.separator !== null) {
      hunks.push({ start: open.start, base: open.base, separator: open.separator, end: number });
      open = null;
    }
  }
  return hunks;
}

/** Every marker line of the hunks, in order. */
export function markerLines(hunks: readonly ConflictHunk[]): number[] {
  return hunks.flatMap((h) => (h.base === null ? [h.start, h.separator, h.end] : [h.start, h.base, h.separator, h.end]));
}

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

/** Which side of a conflict to keep: the branch's own (`ours`, before `=======`), the one merged in (`theirs`), or both, ours first. */
export type ConflictChoice = "ours" | "theirs" | "both";

/**
 * `text` with one conflict hunk replaced by the side(s) chosen, its markers (and a diff3 base section) gone.
 * @example resolveConflict("<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n", { start: 1, base: null, separator: 3, end: 5 }, "theirs") // "b\n"
 */
export function resolveConflict(text: string, hunk: ConflictHunk, choice: ConflictChoice): string {
  const lines = text.split("\n");
  const ours = lines.slice(hunk.start, (hunk.base ?? hunk.separator) - 1);
  const theirs = lines.slice(hunk.separator, hunk.end - 1);
  const kept = choice === "ours" ? ours : choice === "theirs" ? theirs : [...ours, ...theirs];
  return [...lines.slice(0, hunk.start - 1), ...kept, ...lines.slice(hunk.end)].join("\n");
}

/** The label git wrote after a marker (`HEAD`, `main`, a commit's subject), or null. */
export function markerLabel(text: string, line: number): string | null {
  const label = text.split("\n")[line - 1]?.replace(/^[<>|=]{7,} ?/, "").trim();
  return label ? label : null;
}

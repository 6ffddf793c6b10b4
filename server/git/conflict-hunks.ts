import { runGit } from "./git.ts";

/** A conflict as git writes it into a file: the lines (1-based) of its `<<<<<<<`, `=======` and `>>>>>>>` markers. */
export type ConflictHunk = { start: number; separator: number; end: number };

/** A marker line: seven or more of one marker character, alone or followed by a space and a label (`<<<<<<< HEAD`). */
const MARKER = /^(<{7,}|\|{7,}|={7,}|>{7,})(?: .*)?\r?$/;

/**
 * The conflict hunks in a text: `<<<<<<<`, then `=======` (after an optional `|||||||` base section), then `>>>>>>>`,
 * in that order and of one length. A line of seven `=` alone (a reStructuredText or Markdown underline) is no conflict;
 * nor is a quote of `>>>>>>>` or an unclosed `<<<<<<<`.
 * @example conflictHunks("<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n") // [{ start: 1, separator: 3, end: 5 }]
 */
export function conflictHunks(text: string): ConflictHunk[] {
  const hunks: ConflictHunk[] = [];
  let open: { start: number; size: number; separator: number | null } | null = null;
  text.split("\n").forEach((line, index) => {
    const marker = MARKER.exec(line)?.[1];
    if (!marker) return;
    const [kind, size, number] = [marker[0], marker.length, index + 1];
    if (kind === "<") open = { start: number, size, separator: null };
    else if (!open || size !== open.size) return;
    else if (kind === "=" && open.separator === null) open.separator = number;
    else if (kind === ">" && open.separator !== null) {
      hunks.push({ start: open.start, separator: open.separator, end: number });
      open = null;
    }
  });
  return hunks;
}

/**
 * The staged files that still hold a conflict the stopped operation wrote, with the lines of its markers: marker
 * lines that it added (`git diff --cached --check`) and that belong to a whole conflict hunk of the staged file.
 */
export async function stagedConflictMarkers(cwd: string): Promise<{ path: string; line: number }[]> {
  const check = await runGit(cwd, ["diff", "--cached", "--check", "--no-color"]);
  const flagged = new Map<string, Set<number>>();
  for (const [, path, line] of check.stdout.matchAll(/^(.+):(\d+): leftover conflict marker$/gm)) {
    flagged.set(path as string, (flagged.get(path as string) ?? new Set()).add(Number(line)));
  }
  const found: { path: string; line: number }[] = [];
  for (const [path, lines] of flagged) {
    const staged = await runGit(cwd, ["cat-file", "blob", `:${path}`]);
    const hunks = conflictHunks(staged.code === 0 ? staged.stdout : "").filter((h) => [h.start, h.separator, h.end].some((line) => lines.has(line)));
    found.push(...hunks.flatMap((h) => [h.start, h.separator, h.end].map((line) => ({ path, line }))));
  }
  return found;
}

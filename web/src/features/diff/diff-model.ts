import { diffWordsWithSpace } from "diff";
import { diffLines } from "./line-diff.ts";

/** A piece of a changed line; `isChanged` marks the words that differ from the paired line. */
export type Segment = { text: string; isChanged: boolean };
/** One line of a diff with its numbers on each side (null where it does not exist). */
export type DiffLine = { kind: "context" | "add" | "del"; oldNo: number | null; newNo: number | null; text: string; words: Segment[] | null };
/** A row on screen: a line (unified), a left/right pair (split), or a folded run of unchanged lines. */
export type DiffRow =
  | { kind: "line"; line: DiffLine }
  | { kind: "pair"; left: DiffLine | null; right: DiffLine | null }
  | { kind: "fold"; foldId: number; count: number };

/** Unchanged lines shown around each change before the rest is folded. */
export const CONTEXT_LINES = 3;
const MAX_WORD_DIFF_CHARS = 400;

/** Splits a file's text into lines (a final newline does not make an extra empty line). */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Put on a last line no newline ends while the lines are compared: `b` at the end and `b⏎` are not the same line. */
const NO_FINAL_NEWLINE = "\0no newline at end of file";

/** A text's lines as they are compared: a change that only adds or drops the final newline is a changed last line. */
function comparableLines(text: string): string[] {
  const lines = splitLines(text);
  if (lines.length > 0 && !text.endsWith("\n")) lines[lines.length - 1] += NO_FINAL_NEWLINE;
  return lines;
}

const shown = (line: string) => (line.endsWith(NO_FINAL_NEWLINE) ? line.slice(0, -NO_FINAL_NEWLINE.length) : line);

/**
 * The line diff of two texts, with word-level changes inside lines that were edited (paired del/add). A last line
 * that gained or lost its newline shows as changed, as in git's diff.
 */
export function diffTextLines(before: string, after: string): DiffLine[] {
  const parts = diffLines(comparableLines(before), comparableLines(after)).map((part) => ({ ...part, value: part.value.map(shown) }));
  const lines: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    if (!part.added && !part.removed) {
      for (const text of part.value) lines.push({ kind: "context", oldNo: oldNo++, newNo: newNo++, text, words: null });
      continue;
    }
    const removed = part.removed ? part.value : [];
    const next = parts[i + 1];
    const added = part.added ? part.value : next?.added ? next.value : [];
    if (part.removed && next?.added) i++;
    const dels: DiffLine[] = removed.map((text) => ({ kind: "del", oldNo: oldNo++, newNo: null, text, words: null }));
    const adds: DiffLine[] = added.map((text) => ({ kind: "add", oldNo: null, newNo: newNo++, text, words: null }));
    pairWords(dels, adds);
    // One at a time: spread as arguments, a new file of 200,000 lines overflowed the stack ("Maximum call stack size").
    for (const line of dels) lines.push(line);
    for (const line of adds) lines.push(line);
  }
  return lines;
}

function pairWords(dels: DiffLine[], adds: DiffLine[]): void {
  const count = Math.min(dels.length, adds.length);
  for (let i = 0; i < count; i++) {
    const del = dels[i] as DiffLine;
    const add = adds[i] as DiffLine;
    if (del.text.length > MAX_WORD_DIFF_CHARS || add.text.length > MAX_WORD_DIFF_CHARS) continue;
    const changes = diffWordsWithSpace(del.text, add.text);
    const common = changes.filter((c) => !c.added && !c.removed).reduce((n, c) => n + c.value.length, 0);
    // Lines with almost nothing in common read better as whole-line changes.
    if (common < Math.min(del.text.length, add.text.length) / 3) continue;
    del.words = changes.filter((c) => !c.added).map((c) => ({ text: c.value, isChanged: Boolean(c.removed) }));
    add.words = changes.filter((c) => !c.removed).map((c) => ({ text: c.value, isChanged: Boolean(c.added) }));
  }
}

/** Which runs of unchanged lines to fold: [start, end) indexes into `lines`, each with a stable id (its start). */
export function foldableRuns(lines: DiffLine[], context = CONTEXT_LINES): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.kind !== "context") {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]?.kind === "context") j++;
    const start = i === 0 ? 0 : i + context;
    const end = j === lines.length ? j : j - context;
    if (end - start > 1) runs.push({ start, end });
    i = j;
  }
  return runs;
}

/**
 * The runs to show unfolded: the ones expanded, and every run holding a line a note (a review comment) is on, so a
 * comment on an unchanged line is never folded away out of sight.
 */
export function openRuns(lines: DiffLine[], notes: readonly { side: "old" | "new"; line: number }[], expanded: ReadonlySet<number>): ReadonlySet<number> {
  if (notes.length === 0) return expanded;
  const noted = new Set(notes.map((n) => `${n.side}:${n.line}`));
  const open = new Set(expanded);
  for (const run of foldableRuns(lines)) {
    const hasNote = lines.slice(run.start, run.end).some((l) => noted.has(`new:${l.newNo}`) || noted.has(`old:${l.oldNo}`));
    if (hasNote) open.add(run.start);
  }
  return open;
}

/** The rows to render: folds for unexpanded runs, then lines (unified) or left/right pairs (split). */
export function buildRows(lines: DiffLine[], mode: "unified" | "split", expanded: ReadonlySet<number>): DiffRow[] {
  const rows: DiffRow[] = [];
  const folds = new Map(foldableRuns(lines).filter((run) => !expanded.has(run.start)).map((run) => [run.start, run]));
  let pendingDels: DiffLine[] = [];
  let pendingAdds: DiffLine[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(pendingDels.length, pendingAdds.length); k++) rows.push({ kind: "pair", left: pendingDels[k] ?? null, right: pendingAdds[k] ?? null });
    pendingDels = [];
    pendingAdds = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const fold = folds.get(i);
    if (fold) {
      flush();
      rows.push({ kind: "fold", foldId: fold.start, count: fold.end - fold.start });
      i = fold.end - 1;
      continue;
    }
    const line = lines[i] as DiffLine;
    if (mode === "unified") rows.push({ kind: "line", line });
    else if (line.kind === "del") pendingDels.push(line);
    else if (line.kind === "add") pendingAdds.push(line);
    else {
      flush();
      rows.push({ kind: "pair", left: line, right: line });
    }
  }
  flush();
  return rows;
}

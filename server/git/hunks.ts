/** One hunk of a file's unified diff: its `@@` header and its lines (header included). */
export type DiffHunk = { index: number; header: string; lines: string[] };
/**
 * A file's diff split into the file header (`diff --git`, `---`, `+++`, modes) and its hunks; `oldPath` of a rename;
 * `isNew` of an untracked file's diff against nothing.
 */
export type FileDiff = { path: string; oldPath?: string; headerLines: string[]; hunks: DiffHunk[]; isBinary: boolean; isNew?: boolean };

/**
 * Splits `git diff -- <path>` output of one file into its header and hunks.
 * @example parseFileDiff("a.txt", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n")
 */
export function parseFileDiff(path: string, text: string): FileDiff {
  const headerLines: string[] = [];
  const hunks: DiffHunk[] = [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    if (line.startsWith("@@")) hunks.push({ index: hunks.length, header: line, lines: [line] });
    else if (hunks.length > 0) hunks[hunks.length - 1]?.lines.push(line);
    else headerLines.push(line);
  }
  const isBinary = headerLines.some((line) => line.startsWith("Binary files ") || line === "GIT binary patch");
  return { path, headerLines, hunks, isBinary };
}

/** A file's diff with one of its hunks read (see {@link parseFileHunk}); `hunksText`: the text of all its hunks. */
export type OneHunkDiff = FileDiff & { hunksText: string };

/**
 * The file header and hunk `index` alone of a file's diff (`hunks` holds that hunk, or nothing past the last): a hunk
 * action needs one hunk, and splitting every line of every hunk of a big file's diff on each click was wasted work.
 * A line that starts a hunk (`@@`) is never a line of the file header or of a hunk's body (` `, `+`, `-`, `\`).
 */
export function parseFileHunk(path: string, text: string, index: number): OneHunkDiff {
  const first = text.startsWith("@@") ? 0 : nextHunkAt(text, 0);
  const head = parseFileDiff(path, first === -1 ? text : text.slice(0, first));
  let at = first;
  for (let i = 0; i < index && at !== -1; i++) at = nextHunkAt(text, at);
  const hunksText = first === -1 ? "" : text.slice(first);
  if (at === -1) return { ...head, hunksText };
  const end = nextHunkAt(text, at);
  const hunk = parseFileDiff(path, text.slice(at, end === -1 ? undefined : end)).hunks[0];
  return { ...head, hunks: hunk ? [{ ...hunk, index }] : [], hunksText };
}

/** Where the next line starting a hunk begins after position `from`, or -1. */
function nextHunkAt(text: string, from: number): number {
  const at = text.indexOf("\n@@", from);
  return at === -1 ? -1 : at + 1;
}

/** The patch that holds only hunk `index` of a file's diff, ready for `git apply`. */
export function hunkPatch(diff: FileDiff, index: number): string {
  const hunk = diff.hunks[index];
  if (!hunk) throw new RangeError(`no hunk ${index} in ${diff.path}`);
  return `${[...diff.headerLines, ...hunk.lines].join("\n")}\n`;
}

/**
 * Hunk `index` of a rename's diff as a change of the new path alone (no move, no mode change): its `-` lines are the
 * old file's, which the new path holds too wherever the hunk does not reach, so the patch applies there. The names
 * are git's own `+++` name (quoted by git when it has to be).
 */
export function renamedHunkPatch(diff: FileDiff, index: number): string {
  const hunk = diff.hunks[index];
  const after = diff.headerLines.find((line) => line.startsWith("+++ "))?.slice(4);
  if (!hunk || !after) throw new RangeError(`no hunk ${index} in ${diff.path}`);
  const before = after.replace(/^("?)b\//, "$1a/");
  return `${[`diff --git ${before} ${after}`, `--- ${before}`, `+++ ${after}`, ...hunk.lines].join("\n")}\n`;
}

/**
 * Hunk `index` cut down to the changed lines picked (`picked`: positions in `hunk.lines`, the header being 0), as a
 * hunk that applies on its own. The lines not picked stay as they are in the file the patch is applied to: applied
 * forward (staging), a `-` not picked stays as context and a `+` not picked is left out; applied in reverse
 * (unstaging, discarding), a `+` not picked stays as context and a `-` not picked is left out.
 */
export function pickedHunk(hunk: DiffHunk, picked: ReadonlySet<number>, isReverse: boolean): DiffHunk {
  const kept = isReverse ? "+" : "-";
  const lines: string[] = [];
  let isLastKept = true;
  hunk.lines.slice(1).forEach((line, i) => {
    const sign = line[0];
    // "\ No newline at end of file" belongs to the line before it: it goes where that line goes.
    if (sign === "\\") return void (isLastKept && lines.push(line));
    isLastKept = sign === " " || picked.has(i + 1) || sign === kept;
    if (!isLastKept) return;
    lines.push(sign === " " || picked.has(i + 1) ? line : ` ${line.slice(1)}`);
  });
  const oldCount = lines.filter((line) => line[0] === " " || line[0] === "-").length;
  const newCount = lines.filter((line) => line[0] === " " || line[0] === "+").length;
  const oldStart = Number(/^@@ -(\d+)/.exec(hunk.header)?.[1] ?? 0);
  // Alone in its patch, the hunk starts on the same line on both sides (git counts an empty side from the line before).
  const newStart = oldCount === 0 ? oldStart + 1 : newCount === 0 ? oldStart - 1 : oldStart;
  const header = `@@ -${oldStart},${oldCount} +${Math.max(newStart, 0)},${newCount} @@`;
  return { index: hunk.index, header, lines: [header, ...lines] };
}

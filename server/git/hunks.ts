/** One hunk of a file's unified diff: its `@@` header and its lines (header included). */
export type DiffHunk = { index: number; header: string; lines: string[] };
/** A file's diff split into the file header (`diff --git`, `---`, `+++`, modes) and its hunks; `oldPath` of a rename. */
export type FileDiff = { path: string; oldPath?: string; headerLines: string[]; hunks: DiffHunk[]; isBinary: boolean };

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

import { dotJoin } from "./dot-join.ts";
/**
 * A size in bytes as people read it.
 * @example formatBytes(2600000) // "2.5 MB"
 */
export function formatBytes(bytes: number): string {
  // "1 byte": a binary file one byte larger said "(1 bytes larger)".
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * What a change did to a file's size, each side in bytes, null where the file is not (added, deleted); for a file
 * shown without lines (binary, too large), in the Changes view and the Git panel alike.
 * @example sizesText({ before: 4, after: 7 }) // "Before: 4 bytes · After: 7 bytes (3 bytes larger)"
 */
export function sizesText({ before, after }: { before: number | null; after: number | null }): string {
  if (before === null && after === null) return "";
  if (before === null) return `Added: ${formatBytes(after ?? 0)}`;
  if (after === null) return `Deleted: it was ${formatBytes(before)}`;
  const change = after === before ? "the same size" : `${formatBytes(Math.abs(after - before))} ${after > before ? "larger" : "smaller"}`;
  return dotJoin([`Before: ${formatBytes(before)}`, `After: ${formatBytes(after)} (${change})`]);
}

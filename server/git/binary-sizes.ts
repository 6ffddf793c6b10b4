import { lstatSync } from "node:fs";
import { relative, resolve, isAbsolute } from "node:path";
import { blobSizeAtRevision } from "./changes.ts";

/** Each side's size in bytes of a file the Git panel shows without hunks (binary); null where the file is not. */
export type SideSizes = { before: number | null; after: number | null };

/**
 * The sizes of a binary file's two sides as the Git panel diffs them: staged, HEAD → index; unstaged, index → the work
 * tree. A rename's old side is read under `oldPath`. Two `cat-file -s` at most (a work tree side is a stat).
 */
export async function binarySideSizes(cwd: string, path: string, oldPath: string | null, isStaged: boolean): Promise<SideSizes> {
  const beforePath = oldPath ?? path;
  // `:path` is the index's entry (stage 0).
  if (isStaged) {
    const [before, after] = await Promise.all([blobSizeAtRevision(cwd, "HEAD", beforePath), blobSizeAtRevision(cwd, "", path)]);
    return { before, after };
  }
  return { before: await blobSizeAtRevision(cwd, "", beforePath), after: workingFileSize(cwd, path) };
}

/** A regular file's size in the work tree; null when it is not there, not a file, or outside the work tree. */
function workingFileSize(cwd: string, path: string): number | null {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return null;
  try {
    const stat = lstatSync(absolute);
    return stat.isFile() ? stat.size : null;
  } catch (error) {
    // A file deleted in the work tree has no after side: that is the answer, not a failure.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return null;
    throw error;
  }
}

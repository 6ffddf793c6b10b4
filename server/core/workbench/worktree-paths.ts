import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { AppError } from "../../../shared/protocol/errors.ts";

/** A path checked to lie inside a worktree: `absolute` (symlinks resolved as far as they exist) and `relative`. */
export type ConfinedPath = { absolute: string; relative: string };

/**
 * Resolves `path` (relative to the worktree, or absolute) inside `root` and refuses anything that lands outside it:
 * `..` segments, absolute paths elsewhere, and symlinks (of the file or any folder above it) pointing out. Paths
 * inside `.git` are refused too. A path that does not exist yet is checked through its nearest existing folder.
 * @example confine("/work/tree", "src/app.ts") // { absolute: "/work/tree/src/app.ts", relative: "src/app.ts" }
 */
export function confine(root: string, path: string): ConfinedPath {
  if (path.includes("\0")) throw refuse(path, "it contains a NUL byte");
  const realRoot = realpathSync(root);
  const lexical = resolve(realRoot, path);
  if (!isInside(realRoot, lexical)) throw refuse(path, "it is outside the session's worktree");
  const real = realpathOfNearest(lexical);
  if (!isInside(realRoot, real)) throw refuse(path, "a symbolic link on the way points outside the session's worktree");
  const rel = relative(realRoot, real).split(sep).join("/");
  if (rel === "") throw refuse(path, "it is the worktree itself, not a file in it");
  if (rel === ".git" || rel.startsWith(".git/")) throw refuse(path, "files inside .git are not opened here");
  return { absolute: real, relative: rel };
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realpathOfNearest(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  if (isSymlink(path)) throw refuse(path, "it is a symbolic link to nothing");
  const parent = dirname(path);
  if (parent === path) return path;
  const rest = relative(parent, path);
  return resolve(realpathOfNearest(parent), rest);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

function refuse(path: string, why: string): AppError {
  const shown = isAbsolute(path) ? path : JSON.stringify(path);
  return new AppError("forbidden", `Refused ${shown}: ${why}.`, { path });
}

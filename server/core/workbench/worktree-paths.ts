import { existsSync, lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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
  if (isInGitFolder(relative(realRoot, lexical))) throw refuse(path, "files inside .git are not opened here");
  const real = realpathOfNearest(lexical);
  if (!isInside(realRoot, real)) throw refuse(path, "a symbolic link on the way points outside the session's worktree");
  const rel = relative(realRoot, real).split(sep).join("/");
  if (rel === "") throw refuse(path, "it is the worktree itself, not a file in it");
  if (isInGitFolder(rel)) throw refuse(path, "files inside .git are not opened here");
  return { absolute: real, relative: rel };
}

/**
 * Like {@link confine}, but a symbolic link named by `path` itself is not followed: the entry is the link (whose text
 * git records), wherever it points. Folders above it are resolved and must stay inside, as for `confine`.
 */
export function confineEntry(root: string, path: string): ConfinedPath {
  if (path.includes("\0")) throw refuse(path, "it contains a NUL byte");
  const realRoot = realpathSync(root);
  const lexical = resolve(realRoot, path);
  if (lexical === realRoot || !isInside(realRoot, lexical)) return confine(root, path);
  const parent = dirname(relative(realRoot, lexical));
  const folder = parent === "." ? realRoot : confine(root, parent).absolute;
  if (!isSymlink(join(folder, basename(lexical)))) return confine(root, path);
  const rel = relative(realRoot, join(folder, basename(lexical))).split(sep).join("/");
  if (isInGitFolder(rel)) throw refuse(path, "files inside .git are not opened here");
  return { absolute: join(realRoot, rel), relative: rel };
}

/** `.git` or below it (in a worktree `.git` is a file naming the repository's folder). */
function isInGitFolder(relativePath: string): boolean {
  const first = relativePath.split(sep)[0];
  return first === ".git";
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
  return statIfPresent(path, true)?.isSymbolicLink() ?? false;
}

function refuse(path: string, why: string): AppError {
  const shown = isAbsolute(path) ? path : JSON.stringify(path);
  return new AppError("forbidden", `Refused ${shown}: ${why}.`, { path });
}

/**
 * The stat of `path` (of a symbolic link itself when `isLink`), or null when nothing is there — also when a file stands
 * where a folder on the way should be (`notes.txt/x`).
 */
export function statIfPresent(path: string, isLink = false): Stats | null {
  try {
    return isLink ? lstatSync(path) : statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}

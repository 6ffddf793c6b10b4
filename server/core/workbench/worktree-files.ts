import { mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative as relativeTo, sep } from "node:path";
import { saveConflictChoices, type OpenedFile, type SaveFileInput, type TreeEntry } from "../../../shared/api/workbench.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { listIgnored, listWorktreeFiles } from "../../git/changes.ts";
import { sha256Hex } from "../../lib/web-crypto.ts";
import { withLineEndingsOf } from "./line-endings.ts";
import { confine, statIfPresent } from "./worktree-paths.ts";

/** Files larger than this open as a notice, not in the editor. */
export const MAX_EDITABLE_BYTES = 2 * 1024 * 1024;
/** How many tree entries one listing answers. */
const MAX_TREE_ENTRIES = 50_000;
/** A hash of a file's bytes: what the editor hands back on save to detect changes made meanwhile. */
export function versionOf(bytes: Uint8Array | string): string {
  return sha256Hex(bytes).slice(0, 32);
}

/** True when the bytes look binary (a NUL byte in the first 8 KB, as git decides). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** Reads a file of the worktree for the editor; binary and large files answer a notice instead of content. */
export function openFile(root: string, path: string): OpenedFile {
  const { absolute, relative } = confine(root, path);
  const stat = statIfPresent(absolute);
  if (!stat) throw new AppError("not_found", `${relative} does not exist (it may have been deleted or renamed).`, { path: relative, isDeleted: true });
  if (!stat.isFile()) throw new AppError("bad_request", `${relative} is not a file.`, { path: relative });
  if (stat.size > MAX_EDITABLE_BYTES) {
    return { path: relative, content: null, version: null, size: stat.size, notice: tooLargeNotice(stat.size) };
  }
  const bytes = readFileSync(absolute);
  const opened = { path: relative, version: versionOf(bytes), size: stat.size };
  if (looksBinary(bytes)) return { ...opened, content: null, notice: "This is a binary file; it cannot be shown as text." };
  const text = utf8Text(bytes);
  if (text === null) {
    return { ...opened, content: null, notice: "This file is not UTF-8 text (it may be Latin-1 or another encoding). Saving it from the editor would change its bytes, so it does not open here; Claude and the terminal can still edit it." };
  }
  // The editor works in \n lines (CodeMirror joins its lines with \n); a save writes the file's own line endings back.
  return { ...opened, content: text.replace(/\r\n?/g, "\n"), notice: null };
}

/**
 * A file of the worktree to download as it is, whatever its size or kind (the diff and the editor stop at a few MB):
 * its absolute path, for the route to stream, and its name.
 */
export function downloadableFile(root: string, path: string): { absolute: string; relative: string; name: string } {
  const { absolute, relative } = confine(root, path);
  const stat = statIfPresent(absolute);
  if (!stat) throw new AppError("not_found", `${relative} does not exist (it may have been deleted or renamed).`, { path: relative, isDeleted: true });
  if (!stat.isFile()) throw new AppError("bad_request", `${relative} is not a file.`, { path: relative });
  return { absolute, relative, name: relative.split("/").pop() ?? relative };
}

/** The bytes as text when they are valid UTF-8 (a byte order mark kept), else null. */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Why a save was refused: the file changed (or vanished) on disk since the editor opened it. */
export type SaveConflict = { path: string; currentVersion: string | null; isDeleted: boolean };

/**
 * Writes a file of the worktree unless it changed on disk since `baseVersion` (then a `conflict` error whose details
 * are a {@link SaveConflict}; nothing is written). `isForced` overwrites whatever is there.
 */
export function saveFile(root: string, input: SaveFileInput): { path: string; version: string } {
  const { absolute, relative } = confine(root, input.path);
  const stat = statIfPresent(absolute);
  if (stat && !stat.isFile()) throw new AppError("bad_request", `${relative} is not a file.`, { path: relative });
  const current = stat ? readFileSync(absolute) : null;
  if (!input.isForced) {
    const currentVersion = current ? versionOf(current) : null;
    if (currentVersion !== input.baseVersion) {
      const conflict: SaveConflict = { path: relative, currentVersion, isDeleted: currentVersion === null };
      const what = conflict.isDeleted ? "was deleted" : input.baseVersion === null ? "already exists" : "changed on disk";
      throw new AppError("conflict", `${relative} ${what} since you opened it. ${saveConflictChoices(conflict.isDeleted)}`, conflict);
    }
  }
  // The editor sends \n lines (see openFile); a file whose lines end otherwise keeps its endings. Text that carries a
  // \r already is written as sent.
  const content = current && !input.content.includes("\r") ? withLineEndingsOf(current.toString("utf8"), input.content) : input.content;
  makeParentFolder(root, absolute, relative);
  writeFileSync(absolute, content);
  return { path: relative, version: versionOf(content) };
}

/** Creates the folders above a file about to be written; a file where a folder should be is a `bad_request`. */
function makeParentFolder(root: string, absolute: string, path: string): void {
  try {
    mkdirSync(dirname(absolute), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const blocker = code === "ENOTDIR" || code === "EEXIST" ? nearestExistingAbove(absolute) : null;
    if (!blocker || statSync(blocker).isDirectory()) throw error;
    const shown = relativeTo(realpathSync(root), blocker).split(sep).join("/");
    throw new AppError("bad_request", `${shown} is a file, so ${path} cannot be created.`, { path, blockedBy: shown });
  }
}

/** The nearest folder (or file) above `path` that exists. */
function nearestExistingAbove(path: string): string | null {
  for (let at = dirname(path); ; at = dirname(at)) {
    if (statIfPresent(at)) return at;
    if (dirname(at) === at) return null;
  }
}

/** One listing of the Files tree; `isTruncated` when it stopped at {@link MAX_TREE_ENTRIES}. */
export type FileTree = { entries: TreeEntry[]; isTruncated: boolean };

/**
 * The worktree's files as git sees them (ignored ones only when asked, ignored folders as one entry); a folder that
 * is not in a git repository is listed from the file system ({@link folderTree}).
 */
export async function fileTree(root: string, showIgnored: boolean): Promise<FileTree> {
  const [files, ignored] = await Promise.allSettled([listWorktreeFiles(root), showIgnored ? listIgnored(root) : Promise.resolve([])]);
  if (files.status === "rejected") {
    if (isNotAGitRepository(files.reason)) return folderTree(root, showIgnored);
    throw files.reason;
  }
  if (ignored.status === "rejected") throw ignored.reason;
  const entries: TreeEntry[] = files.value.map((path) => ({ path, isDir: false, isIgnored: false }));
  for (const path of ignored.value) entries.push({ path: path.replace(/\/$/, ""), isDir: path.endsWith("/"), isIgnored: true });
  return sortedTree(entries);
}

function isNotAGitRepository(error: unknown): boolean {
  return error instanceof AppError && error.message.includes("not a git repository");
}

/** Folders whose contents the tree never lists: git's own, and installed packages (one ignored entry when asked). */
const SKIPPED_FOLDERS = new Set([".git", "node_modules"]);

/**
 * A plain folder's files, read from the file system: `.git` and `node_modules` are not walked (node_modules shows as
 * an ignored folder when `showIgnored`), symbolic links are listed as files and never followed. The walk stops once
 * it has more than `maxEntries` (tests pass a small one).
 */
export async function folderTree(root: string, showIgnored: boolean, maxEntries = MAX_TREE_ENTRIES): Promise<FileTree> {
  const entries: TreeEntry[] = [];
  const folders = [""];
  for (let folder = folders.pop(); folder !== undefined && entries.length <= maxEntries; folder = folders.pop()) {
    for (const item of await readFolder(join(root, folder))) {
      const path = folder ? `${folder}/${item.name}` : item.name;
      if (item.isDirectory() && item.name === "node_modules") {
        if (showIgnored) entries.push({ path, isDir: true, isIgnored: true });
      } else if (item.isDirectory() && !SKIPPED_FOLDERS.has(item.name)) {
        folders.push(path);
      } else if ((item.isFile() || item.isSymbolicLink()) && item.name !== ".git") {
        entries.push({ path, isDir: false, isIgnored: false });
      }
    }
  }
  return sortedTree(entries, maxEntries);
}

/** A folder's entries; a folder that vanished or cannot be read meanwhile lists as empty (the tree shows the rest). */
async function readFolder(path: string) {
  try {
    const { readdir } = await import("node:fs/promises");
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES" || code === "EPERM") return [];
    throw error;
  }
}

function sortedTree(entries: TreeEntry[], maxEntries = MAX_TREE_ENTRIES): FileTree {
  entries.sort((a, b) => a.path.localeCompare(b.path));
  return { entries: entries.slice(0, maxEntries), isTruncated: entries.length > maxEntries };
}

/**
 * Why a file does not open: its size against the editor's limit, in bytes when the rounded sizes would read the same
 * ("2.0 MB; files over 2.0 MB…" told a user with a file just over the limit nothing).
 */
function tooLargeNotice(size: number): string {
  if (formatSize(size) !== formatSize(MAX_EDITABLE_BYTES)) return `This file is ${formatSize(size)}; files over ${formatSize(MAX_EDITABLE_BYTES)} are not opened in the editor.`;
  const bytes = (count: number) => `${count.toLocaleString("en-US")} bytes`;
  return `This file is ${bytes(size)}, just over the ${bytes(MAX_EDITABLE_BYTES)} (${formatSize(MAX_EDITABLE_BYTES)}) the editor opens.`;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

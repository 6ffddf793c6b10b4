import { sha256Hex } from "../../lib/web-crypto.ts";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { OpenedFile, SaveFileInput, TreeEntry } from "../../../shared/api/workbench.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { listIgnored, listWorktreeFiles } from "../../git/changes.ts";
import { confine } from "./worktree-paths.ts";

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
  const stat = statOrNull(absolute);
  if (!stat) throw new AppError("not_found", `${relative} does not exist (it may have been deleted or renamed).`, { path: relative, isDeleted: true });
  if (!stat.isFile()) throw new AppError("bad_request", `${relative} is not a file.`, { path: relative });
  if (stat.size > MAX_EDITABLE_BYTES) {
    return { path: relative, content: null, version: null, size: stat.size, notice: `This file is ${formatSize(stat.size)}; files over ${formatSize(MAX_EDITABLE_BYTES)} are not opened in the editor.` };
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

/** The bytes as text when they are valid UTF-8 (a byte order mark kept), else null. */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The line ending most of the text's lines end with: \r\n, \r or \n (also for a text with none). */
function mostUsedLineEnding(text: string): string {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const cr = text.match(/\r(?!\n)/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  if (crlf > lf && crlf >= cr) return "\r\n";
  return cr > lf ? "\r" : "\n";
}

/** Why a save was refused: the file changed (or vanished) on disk since the editor opened it. */
export type SaveConflict = { path: string; currentVersion: string | null; isDeleted: boolean };

/**
 * Writes a file of the worktree unless it changed on disk since `baseVersion` (then a `conflict` error whose details
 * are a {@link SaveConflict}; nothing is written). `isForced` overwrites whatever is there.
 */
export function saveFile(root: string, input: SaveFileInput): { path: string; version: string } {
  const { absolute, relative } = confine(root, input.path);
  const stat = statOrNull(absolute);
  if (stat && !stat.isFile()) throw new AppError("bad_request", `${relative} is not a file.`, { path: relative });
  const current = stat ? readFileSync(absolute) : null;
  if (!input.isForced) {
    const currentVersion = current ? versionOf(current) : null;
    if (currentVersion !== input.baseVersion) {
      const conflict: SaveConflict = { path: relative, currentVersion, isDeleted: currentVersion === null };
      const what = conflict.isDeleted ? "was deleted" : input.baseVersion === null ? "already exists" : "changed on disk";
      throw new AppError("conflict", `${relative} ${what} since you opened it. Reload it, overwrite it, or compare first.`, conflict);
    }
  }
  // The editor sends \n lines (see openFile); a file whose lines end otherwise keeps its endings. Text that carries a
  // \r already is written as sent.
  const lineEnding = current && !input.content.includes("\r") ? mostUsedLineEnding(current.toString("utf8")) : "\n";
  const content = lineEnding === "\n" ? input.content : input.content.replaceAll("\n", lineEnding);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return { path: relative, version: versionOf(content) };
}

/** The worktree's files as git sees them (ignored ones only when asked, ignored folders as one entry). */
export async function fileTree(root: string, showIgnored: boolean): Promise<{ entries: TreeEntry[]; isTruncated: boolean }> {
  const [files, ignored] = await Promise.all([listWorktreeFiles(root), showIgnored ? listIgnored(root) : Promise.resolve([])]);
  const entries: TreeEntry[] = files.map((path) => ({ path, isDir: false, isIgnored: false }));
  for (const path of ignored) entries.push({ path: path.replace(/\/$/, ""), isDir: path.endsWith("/"), isIgnored: true });
  entries.sort((a, b) => a.path.localeCompare(b.path));
  return { entries: entries.slice(0, MAX_TREE_ENTRIES), isTruncated: entries.length > MAX_TREE_ENTRIES };
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

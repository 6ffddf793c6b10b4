import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ChangedFile } from "../../shared/api/workbench.ts";
import { decodeText, type TextEncodingName } from "../lib/text-encoding.ts";
import { joinChanges, parseNumstatZ, parseRawZ, parseStatusZ } from "./diff-parse.ts";
import { gitError, literalPathspecs, runGit, runGitBytes } from "./git.ts";
import { FIND_RENAMES } from "./renames.ts";
import { readOncePerSnapshot } from "./shared-snapshot.ts";
import { hasSubmodules } from "./worktree.ts";
import type { WorktreeSnapshot } from "./worktree-tree.ts";

/** Largest number of files one listing answers (a filter by path finds the rest). */
export const MAX_LISTED_FILES = 2_000;

/** A full commit or tree id: what a diff's key may hold (a branch name moves, an id never does). */
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Every file that differs between two tree-ishes (`to` is usually a {@link worktreeTree} tree), with renames,
 * modes, binary flags, +/- counts, and the staged/unstaged/untracked flags of the work tree at `cwd`. All of them:
 * a caller that sends them somewhere caps them there, after counting them. Given the `snapshot` whose tree `to` is,
 * a diff from a commit or tree id and the work tree's status are read once while that snapshot is a turn's end
 * shared (ADR 0118, 0126): the answer is then the same array for every caller, which none may change.
 */
export async function changedFilesBetween(cwd: string, from: string, to: string, snapshot: WorktreeSnapshot | null = null): Promise<ChangedFile[]> {
  if (snapshot === null || snapshot.tree !== to) return readChanges(cwd, from, to, () => readStatus(cwd));
  const status = () => readOncePerSnapshot(snapshot, "status", () => readStatus(cwd));
  if (!OBJECT_ID.test(from)) return readChanges(cwd, from, to, status);
  return readOncePerSnapshot(snapshot, `changes from ${from}`, () => readChanges(cwd, from, to, status));
}

async function readChanges(cwd: string, from: string, to: string, status: () => Promise<string>): Promise<ChangedFile[]> {
  const range = [from, to, "--"];
  const [raw, numstat, statusText] = await Promise.all([
    runGit(cwd, ["diff", "--raw", "-z", FIND_RENAMES, "--no-abbrev", ...range]),
    runGit(cwd, ["diff", "--numstat", "-z", FIND_RENAMES, ...range]),
    status(),
  ]);
  if (raw.code !== 0) throw gitError(["diff", "--raw"], raw);
  if (numstat.code !== 0) throw gitError(["diff", "--numstat"], numstat);
  return joinChanges(parseRawZ(raw.stdout), parseNumstatZ(numstat.stdout), parseStatusZ(statusText));
}

/** The work tree's status (which files are staged, unstaged, untracked), empty when git cannot say. */
async function readStatus(cwd: string): Promise<string> {
  const status = await runGit(cwd, ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"]);
  return status.code === 0 ? status.stdout : "";
}

/** What a read answers for a file over its size limit (a value no file's text can be). */
export const TOO_LARGE: unique symbol = Symbol("too large");

/**
 * A file in a tree-ish (`rev:path`) read once: its text, null when it does not exist there, {@link TOO_LARGE} over
 * `maxBytes`; its blob's size, null when there is no blob (absent, a submodule), undefined when over `maxBytes`; and
 * how its bytes were read as text (see {@link decodeText}).
 */
export async function readAtRevision(cwd: string, rev: string, path: string, maxBytes: number): Promise<{ text: string | null | typeof TOO_LARGE; blobSize: number | null | undefined; encoding: TextEncodingName }> {
  const bytes = await readBytesAtRevision(cwd, rev, path, maxBytes);
  if (bytes === TOO_LARGE) return { text: TOO_LARGE, blobSize: undefined, encoding: "utf-8" };
  // No blob there: absent, or a submodule (a commit in the tree; its objects are in its own repository).
  if (bytes === null) return { text: await submoduleAtRevision(cwd, rev, path), blobSize: null, encoding: "utf-8" };
  return { ...decodeText(bytes), blobSize: bytes.length };
}

/** A file's size in a tree-ish (`rev:path`), or null when no blob is there (absent, or a submodule). */
export async function blobSizeAtRevision(cwd: string, rev: string, path: string): Promise<number | null> {
  const size = await runGit(cwd, ["cat-file", "-s", `${rev}:${path}`]);
  return size.code === 0 ? Number(size.stdout.trim()) : null;
}

/**
 * A file's bytes in a tree-ish (`rev:path`), as git stores them (an image is not text), or null when no blob is
 * there; {@link TOO_LARGE} over `maxBytes`. One git process: the read stops as soon as it passes `maxBytes`.
 */
export async function readBytesAtRevision(cwd: string, rev: string, path: string, maxBytes: number): Promise<Uint8Array | null | typeof TOO_LARGE> {
  const blob = await runGitBytes(cwd, ["cat-file", "blob", `${rev}:${path}`], { maxOutputBytes: maxBytes });
  if (blob.stoppedBy === "output_limit") return TOO_LARGE;
  // Failing is git's answer for a path that holds no blob there (absent, a folder, a submodule's commit).
  return blob.code === 0 ? blob.stdout : null;
}

/** A submodule's side as git's diff shows it: the commit it is at, `-dirty` when its checkout has changes. */
function subprojectText(sha: string, isDirty: boolean): string {
  return `Subproject commit ${sha}${isDirty ? "-dirty" : ""}\n`;
}

/** `path` in the tree-ish as a submodule ({@link subprojectText}), or null when it is no submodule there. */
async function submoduleAtRevision(cwd: string, rev: string, path: string): Promise<string | null> {
  const entry = await runGit(cwd, ["ls-tree", "-z", rev, "--", ...literalPathspecs([path])]);
  const [mode, , sha] = entry.stdout.split("\t")[0]?.split(" ") ?? [];
  return entry.code === 0 && mode === "160000" && sha ? subprojectText(sha, false) : null;
}

/**
 * The working side of a folder that git tracks as a submodule: the commit its checkout is at (dirty when its files
 * changed), or the commit recorded in the index when it is not checked out. Null for a folder that is no submodule.
 */
export async function readSubmoduleInWorktree(cwd: string, path: string): Promise<string | null> {
  const folder = join(cwd, path);
  const head = existsSync(join(folder, ".git")) ? await runGit(folder, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]) : null;
  if (head?.code === 0) {
    const status = await runGit(folder, ["status", "--porcelain"]);
    return subprojectText(head.stdout.trim(), status.stdout.trim() !== "");
  }
  // A repository made with `git init` and nothing more: it is there (not deleted), at no commit yet.
  if (head) return "Subproject with no commit yet\n";
  const recorded = await runGit(cwd, ["ls-files", "-s", "-z", "--", ...literalPathspecs([path])]);
  const [mode, sha] = recorded.stdout.split("\t")[0]?.split(" ") ?? [];
  return mode === "160000" && sha ? subprojectText(sha, false) : null;
}

/** Files git lists in the work tree (tracked and untracked, minus ignored and deleted ones), relative to `cwd`. */
export async function listWorktreeFiles(cwd: string): Promise<string[]> {
  const [listed, deleted, inSubmodules] = await Promise.all([
    runGit(cwd, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]),
    runGit(cwd, ["ls-files", "-z", "--deleted"]),
    // A submodule is one entry (a commit) to git; the files of a checked-out one are listed too (tracked ones only:
    // --recurse-submodules cannot list untracked files).
    hasSubmodules(cwd) ? runGit(cwd, ["ls-files", "-z", "--cached", "--recurse-submodules"]) : null,
  ]);
  if (listed.code !== 0) throw gitError(["ls-files"], listed);
  const gone = new Set(deleted.stdout.split("\0").filter(Boolean));
  const paths = [...new Set(listed.stdout.split("\0"))].filter((path) => path && !gone.has(path));
  if (!inSubmodules || inSubmodules.code !== 0) return paths;
  // A checked-out submodule's own entry (one of `paths`) gives way to its files, whose folders it is among.
  const listedPaths = new Set(paths);
  const files = inSubmodules.stdout.split("\0").filter((path) => path && !listedPaths.has(path));
  const submodules = new Set(files.flatMap((path) => ancestorsOf(path).filter((folder) => listedPaths.has(folder))));
  return [...paths.filter((path) => !submodules.has(path)), ...files];
}

/** `a/b/c.txt` → `a`, `a/b`. */
function ancestorsOf(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** What `.gitignore` hides: ignored files, and ignored folders as one entry each (`dir/`), relative to `cwd`. */
export async function listIgnored(cwd: string): Promise<string[]> {
  const result = await runGit(cwd, ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]);
  if (result.code !== 0) throw gitError(["ls-files", "--ignored"], result);
  return result.stdout.split("\0").filter(Boolean);
}

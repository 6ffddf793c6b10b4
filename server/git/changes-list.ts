import { createReadStream, lstatSync } from "node:fs";
import { join } from "node:path";
import type { GitChangeEntry, GitChanges } from "../../shared/protocol/git.ts";
import { runGit } from "./git.ts";
import { countsWithRenames, foldRenames, type Rename } from "./renames.ts";
import { worktreeTree } from "./worktree-tree.ts";

const MAX_FILES = 1000;
/**
 * Untracked files up to this size get their lines counted (git has no numstat for them), read CHUNK_BYTES at a time
 * (most files in one chunk); larger ones are listed as too large.
 */
const MAX_COUNTED_BYTES = 50 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
type Counts = Map<string, { additions: number; deletions: number; isBinary: boolean }>;
type UntrackedCounts = { additions: number; deletions: number; isBinary: boolean; isTooLarge?: boolean };

/**
 * What is staged (index against HEAD) and what is not (work tree against index, and untracked files). A rename git
 * detects is one entry at its new path (`R`, with `oldPath`): a staged one (`git mv`), or a moved file not yet staged
 * (its old path deleted, its new one untracked), as the Changes panel and the session's header count it.
 */
export async function listChanges(cwd: string): Promise<GitChanges> {
  const [status, stagedCounts, unstagedCounts] = await Promise.all([
    // A submodule with only edits inside it (same commit) is no change of this repository: staging it stages nothing.
    runGit(cwd, ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--ignore-submodules=dirty"]),
    countsWithRenames(cwd, ["--cached"]),
    numstat(cwd, []),
  ]);
  const staged: GitChangeEntry[] = [];
  const unstaged: GitChangeEntry[] = [];
  if (status.code !== 0) return { staged, unstaged };
  const stagedByPath: Counts = new Map(stagedCounts.counts.map((c) => [c.path, { additions: c.additions ?? 0, deletions: c.deletions ?? 0, isBinary: c.additions === null }]));
  const entries = status.stdout.split("\0").filter(Boolean);
  for (const entry of entries.slice(0, MAX_FILES)) {
    const [x, y, path] = [entry[0] ?? " ", entry[1] ?? " ", entry.slice(3)];
    const isConflict = x === "U" || y === "U" || (x === y && (x === "A" || x === "D"));
    if (isConflict) {
      unstaged.push(entryOf(path, "U", unstagedCounts));
      continue;
    }
    if (x === "?") unstaged.push({ path, status: "?", oldPath: null, ...(await untrackedCounts(join(cwd, path))) });
    else {
      if (x !== " ") staged.push(entryOf(path, x, stagedByPath));
      if (y !== " ") unstaged.push(entryOf(path, y, unstagedCounts));
    }
  }
  const isPair = (gone: GitChangeEntry, added: GitChangeEntry) => gone.status === "D" && (added.status === "A" || added.status === "?");
  const lists = { staged: foldRenames(staged, stagedCounts.renames, isPair), unstaged: foldRenames(unstaged, await unstagedRenames(cwd, unstaged), isPair) };
  return entries.length > MAX_FILES ? { ...lists, truncatedFrom: entries.length } : lists;
}

/** Renames from the index to the work tree with its untracked files (git's status sees a moved file as two). */
async function unstagedRenames(cwd: string, unstaged: GitChangeEntry[]): Promise<Rename[]> {
  if (!unstaged.some((e) => e.status === "D") || !unstaged.some((e) => e.status === "?")) return [];
  const tree = await worktreeTree(cwd).catch(() => null);
  return tree ? (await countsWithRenames(cwd, ["--cached", "-R", tree])).renames : [];
}

function entryOf(path: string, status: string, counts: Counts): GitChangeEntry {
  return { path, status, oldPath: null, ...(counts.get(path) ?? { additions: 0, deletions: 0, isBinary: false }) };
}

async function numstat(cwd: string, range: string[]): Promise<Counts> {
  const result = await runGit(cwd, ["diff", ...range, "--numstat", "-z", "--no-renames"]);
  const counts: Counts = new Map();
  if (result.code !== 0) return counts;
  for (const entry of result.stdout.split("\0").filter(Boolean)) {
    const [add, del, ...path] = entry.split("\t");
    counts.set(path.join("\t"), { additions: Number(add) || 0, deletions: Number(del) || 0, isBinary: add === "-" });
  }
  return counts;
}

/**
 * An untracked file counts as all additions: its line count, or binary when it holds a NUL byte. A symbolic link is
 * what git stages for it, one line (its target): followed, it counted the target's lines, and a link to a device or a
 * named pipe (`/dev/zero`, a FIFO) read without end on the server's thread. Every file is streamed, a chunk at a time
 * (never held whole, never read on the server's thread in one go), and past MAX_COUNTED_BYTES it is said to be too
 * large rather than "+0".
 */
async function untrackedCounts(file: string): Promise<UntrackedCounts> {
  const added = (additions: number, isBinary = false): UntrackedCounts => ({ additions, deletions: 0, isBinary });
  try {
    const stats = lstatSync(file);
    if (stats.isSymbolicLink()) return added(1);
    if (!stats.isFile()) return added(0);
    if (stats.size > MAX_COUNTED_BYTES) return { ...added(0), isTooLarge: true };
    const lines = await countLines(file);
    return lines === "binary" ? added(0, true) : added(lines);
  } catch (error) {
    console.warn(`[git] counting lines of ${file} failed:`, error instanceof Error ? error.message : error);
    return added(0);
  }
}

/** A file's lines as git counts them (a last line without its newline is a line too), or "binary" at its first NUL. */
async function countLines(file: string): Promise<number | "binary"> {
  let [newlines, last] = [0, NEWLINE];
  // `end`: a file that grows while it is read is still read no further than the cap.
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES, end: MAX_COUNTED_BYTES - 1 }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) return "binary";
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) newlines += 1;
    last = chunk.at(-1) ?? last;
  }
  return newlines + (last === NEWLINE ? 0 : 1);
}

const NEWLINE = 0x0a;

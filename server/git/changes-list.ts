import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { GitChangeEntry, GitChanges } from "../../shared/protocol/git.ts";
import { runGit } from "./git.ts";

const MAX_FILES = 1000;
/** Untracked files up to this size get their lines counted (git has no numstat for them); larger ones show +0. */
const MAX_COUNTED_BYTES = 1024 * 1024;
type Counts = Map<string, { additions: number; deletions: number; isBinary: boolean }>;

/** What is staged (index against HEAD) and what is not (work tree against index, and untracked files). */
export async function listChanges(cwd: string): Promise<GitChanges> {
  const [status, stagedCounts, unstagedCounts] = await Promise.all([
    runGit(cwd, ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"]),
    numstat(cwd, ["--cached"]),
    numstat(cwd, []),
  ]);
  const staged: GitChangeEntry[] = [];
  const unstaged: GitChangeEntry[] = [];
  if (status.code !== 0) return { staged, unstaged };
  for (const entry of status.stdout.split("\0").filter(Boolean).slice(0, MAX_FILES)) {
    const [x, y, path] = [entry[0] ?? " ", entry[1] ?? " ", entry.slice(3)];
    const isConflict = x === "U" || y === "U" || (x === y && (x === "A" || x === "D"));
    if (isConflict) {
      unstaged.push(entryOf(path, "U", unstagedCounts));
      continue;
    }
    if (x === "?") unstaged.push({ path, status: "?", ...untrackedCounts(join(cwd, path)) });
    else {
      if (x !== " ") staged.push(entryOf(path, x, stagedCounts));
      if (y !== " ") unstaged.push(entryOf(path, y, unstagedCounts));
    }
  }
  return { staged, unstaged };
}

function entryOf(path: string, status: string, counts: Counts): GitChangeEntry {
  return { path, status, ...(counts.get(path) ?? { additions: 0, deletions: 0, isBinary: false }) };
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

/** An untracked file counts as all additions: its line count, or binary when it holds a NUL byte. */
function untrackedCounts(file: string): { additions: number; deletions: number; isBinary: boolean } {
  try {
    if (statSync(file).size > MAX_COUNTED_BYTES) return { additions: 0, deletions: 0, isBinary: false };
    const buffer = readFileSync(file);
    if (buffer.includes(0)) return { additions: 0, deletions: 0, isBinary: true };
    const text = buffer.toString("utf8");
    const lines = text.split("\n").length - (text.endsWith("\n") || text === "" ? 1 : 0);
    return { additions: lines, deletions: 0, isBinary: false };
  } catch (error) {
    console.warn(`[git] counting lines of ${file} failed:`, error instanceof Error ? error.message : error);
    return { additions: 0, deletions: 0, isBinary: false };
  }
}

import type { GitFileChange } from "../../shared/protocol/model.ts";
import { sha256Hex } from "../lib/web-crypto.ts";
import { runGit } from "./git.ts";
import { currentBranch } from "./repo.ts";
import { conflictedPaths, resolvedConflictPaths, stoppedOperation, upstreamState, type StoppedOperation } from "./operation-state.ts";
import { resolveRef } from "./refs.ts";
import { newestBase } from "./remote-actions.ts";
import { countsWithRenames, FIND_RENAMES, foldRenames } from "./renames.ts";
import { forkPoint, headOrEmptyTree, worktreeTree } from "./worktree-tree.ts";

/** What {@link readGitStatus} finds: branch, head, ahead/behind the base, changed files with +/- counts. */
export type GitStatus = {
  branch: string | null;
  headSha: string | null;
  headSubject: string | null;
  ahead: number;
  behind: number;
  files: GitFileChange[];
  operation: StoppedOperation | null;
  conflicts: string[];
  /** Of the files that were in conflict in a stopped operation, those resolved (staged) since. */
  resolvedConflicts: string[];
  upstream: { name: string; ahead: number; behind: number } | null;
  /** A digest of the staged blobs (see GitState.staged). */
  staged: string;
};

const MAX_FILES = 300;

/** Reads a work tree's state against `base` (a branch or sha); unknown parts are left empty, never thrown. */
export async function readGitStatus(cwd: string, base: string | null): Promise<GitStatus> {
  const [branch, headSha, headSubject, counts, files, operation, conflicts, upstream, staged] = await Promise.all([
    currentBranch(cwd),
    resolveRef(cwd, "HEAD"),
    runGit(cwd, ["log", "-1", "--format=%s"]).then((r) => (r.code === 0 ? r.stdout.trim() || null : null)),
    base ? aheadBehind(cwd, base) : Promise.resolve({ ahead: 0, behind: 0 }),
    changedFiles(cwd),
    stoppedOperation(cwd),
    conflictedPaths(cwd),
    upstreamState(cwd),
    stagedDigest(cwd),
  ]);
  // Outside a stopped operation, what git remembers of a resolution is history, not a conflict to show.
  const resolvedConflicts = operation ? await resolvedConflictPaths(cwd, conflicts) : [];
  return { branch, headSha, headSubject, ...counts, files, operation, conflicts, resolvedConflicts, upstream: upstream && { name: upstream.upstream, ahead: upstream.ahead, behind: upstream.behind }, staged };
}

/** The staged files' paths, modes and blob ids (HEAD → index), hashed: it moves with every hunk staged or unstaged. */
async function stagedDigest(cwd: string): Promise<string> {
  const result = await runGit(cwd, ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev"]);
  return result.code === 0 ? sha256Hex(result.stdout).slice(0, 16) : "";
}

/** Counted against the newest of local base and origin/base, so a fetched base shows as "behind" too. */
async function aheadBehind(cwd: string, base: string): Promise<{ ahead: number; behind: number }> {
  const from = await newestBase(cwd, base).catch(() => base);
  const result = await runGit(cwd, ["rev-list", "--left-right", "--count", `${from}...HEAD`]);
  if (result.code !== 0) return { ahead: 0, behind: 0 };
  const [behind, ahead] = result.stdout.trim().split(/\s+/).map(Number);
  return { ahead: ahead || 0, behind: behind || 0 };
}

/**
 * Uncommitted changes against HEAD (staged and unstaged) plus untracked files, all with real +/- counts. A rename git
 * detects between HEAD and the work tree (staged, or a moved file not yet staged) is one file, as in the Changes panel.
 */
async function changedFiles(cwd: string): Promise<GitFileChange[]> {
  // Against a snapshot of the work tree, so untracked files are counted too (not `+0 −0`).
  const [head, tree] = await Promise.all([headOrEmptyTree(cwd), worktreeTree(cwd).catch(() => null)]);
  const [numstat, status] = await Promise.all([
    countsWithRenames(cwd, tree ? [head, tree] : ["HEAD"]),
    runGit(cwd, ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"]),
  ]);
  const counts = new Map(numstat.counts.map((c) => [c.path, [c.additions ?? 0, c.deletions ?? 0] as const]));
  if (status.code !== 0) return [];
  const files = status.stdout
    .split("\0")
    .filter(Boolean)
    .slice(0, MAX_FILES)
    .map((entry) => {
      const path = entry.slice(3);
      const [additions, deletions] = counts.get(path) ?? [0, 0];
      return { path, status: entry.slice(0, 2).trim() || "M", additions, deletions };
    });
  return foldRenames(files, numstat.renames, (gone, added) => gone.status.includes("D") && (added.status === "??" || added.status.includes("A"))).map(({ oldPath: _old, ...file }) => file);
}

/**
 * The diff of a work tree (committed, uncommitted and untracked files) against the base's merge base, capped at
 * `maxChars`.
 */
export async function diffAgainstBase(cwd: string, base: string, maxChars: number): Promise<{ stat: string; diff: string; isTruncated: boolean }> {
  const [from, tree] = await Promise.all([forkPoint(cwd, base), worktreeTree(cwd).catch(() => null)]);
  const range = tree ? [from, tree] : [from];
  const [stat, diff] = await Promise.all([runGit(cwd, ["diff", "--stat", FIND_RENAMES, ...range]), runGit(cwd, ["diff", FIND_RENAMES, ...range])]);
  const text = diff.code === 0 ? diff.stdout : "";
  return { stat: stat.code === 0 ? stat.stdout.trim() : "", diff: text.slice(0, maxChars), isTruncated: text.length > maxChars };
}

import type { GitFileChange } from "../../shared/protocol/model.ts";
import { sha256Hex } from "../lib/web-crypto.ts";
import { runGit } from "./git.ts";
import { currentBranch, hasOrigin as hasOriginRemote } from "./repo.ts";
import { conflictedPaths, resolvedConflictPaths, stoppedOperation, upstreamState, type StoppedOperation } from "./operation-state.ts";
import { newestBase, resolveRef } from "./refs.ts";
import type { ChangedFile } from "../../shared/api/workbench.ts";
import { changedFilesBetween } from "./changes.ts";
import { FIND_RENAMES } from "./renames.ts";
import { forkPoint, headOrEmptyTree, worktreeSnapshot, worktreeTree } from "./worktree-tree.ts";
import { sharedSnapshot } from "./shared-snapshot.ts";
import { stashFilesState } from "./stash-files.ts";

/** What {@link readGitStatus} finds: branch, head, ahead/behind the base, changed files with +/- counts. */
export type GitStatus = {
  branch: string | null;
  headSha: string | null;
  headSubject: string | null;
  ahead: number;
  behind: number;
  files: GitFileChange[];
  /** How many files differ: `files` lists at most the first 300. */
  fileCount: number;
  /** Lines added and deleted over every changed file (not only the 300 listed). */
  additions: number;
  deletions: number;
  operation: StoppedOperation | null;
  conflicts: string[];
  /** Of the files that were in conflict in a stopped operation, those resolved (staged) since. */
  resolvedConflicts: string[];
  upstream: { name: string; ahead: number; behind: number } | null;
  /** The repository has a remote named origin (see GitState.hasOrigin). */
  hasOrigin: boolean;
  /** A digest of the staged blobs (see GitState.staged). */
  staged: string;
  /** A digest of the repository's stash list (see GitState.stashes). */
  stashes: string;
};

const MAX_FILES = 300;

/** Reads a work tree's state against `base` (a branch or sha); unknown parts are left empty, never thrown. */
export async function readGitStatus(cwd: string, base: string | null): Promise<GitStatus> {
  const [branch, headSha, headSubject, counts, changes, operation, conflicts, upstream, staged, stashes] = await Promise.all([
    currentBranch(cwd),
    resolveRef(cwd, "HEAD"),
    runGit(cwd, ["log", "-1", "--format=%s"]).then((r) => (r.code === 0 ? r.stdout.trim() || null : null)),
    base ? aheadBehind(cwd, base) : Promise.resolve({ ahead: 0, behind: 0 }),
    changedFiles(cwd),
    stoppedOperation(cwd),
    conflictedPaths(cwd),
    // A branch with an upstream has a remote; only one without is asked whether origin exists (one git call fewer).
    upstreamState(cwd).then(async (state) => ({ state, hasOrigin: state !== null || (await hasOriginRemote(cwd)) })),
    stagedDigest(cwd),
    stashesDigest(cwd),
  ]);
  // Outside a stopped operation, what git remembers of a resolution is history, not a conflict to show.
  const resolvedConflicts = operation ? await resolvedConflictPaths(cwd, conflicts) : [];
  const { state, hasOrigin } = upstream;
  return { branch, headSha, headSubject, ...counts, ...changes, operation, conflicts, resolvedConflicts, upstream: state && { name: state.upstream, ahead: state.ahead, behind: state.behind }, hasOrigin, staged, stashes };
}

/** The staged files' paths, modes and blob ids (HEAD → index), hashed: it moves with every hunk staged or unstaged. */
async function stagedDigest(cwd: string): Promise<string> {
  const result = await runGit(cwd, ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev"]);
  return result.code === 0 ? sha256Hex(result.stdout).slice(0, 16) : "";
}

/**
 * The stashes' commits in order, hashed: a stash made, applied and dropped or dropped moves it. Read again only when
 * the files git keeps them in moved (stash-files.ts): most reads follow a turn, which stashes nothing.
 */
async function stashesDigest(cwd: string): Promise<string> {
  const files = await stashFilesState(cwd);
  const known = files === null ? undefined : stashDigests.get(cwd);
  if (known && known.files === files) return known.digest;
  const result = await runGit(cwd, ["stash", "list", "--format=%H"]);
  const digest = result.code === 0 ? sha256Hex(result.stdout).slice(0, 16) : "";
  // Kept only for the files' state read before the list: a stash made meanwhile moves them, and is read next time.
  if (files !== null && result.code === 0) stashDigests.set(cwd, { files, digest });
  return digest;
}

/** Each work tree's last stash digest, with the state of the stash files it was read at. */
const stashDigests = new Map<string, { files: string; digest: string }>();

/** Counted against the newest of local base and origin/base, so a fetched base shows as "behind" too. */
async function aheadBehind(cwd: string, base: string): Promise<{ ahead: number; behind: number }> {
  const from = await newestBase(cwd, base).catch(() => base);
  const result = await runGit(cwd, ["rev-list", "--left-right", "--count", `${from}...HEAD`]);
  if (result.code !== 0) return { ahead: 0, behind: 0 };
  const [behind, ahead] = result.stdout.trim().split(/\s+/).map(Number);
  return { ahead: ahead || 0, behind: behind || 0 };
}

/**
 * How many of HEAD's commits are in neither `base` (the newest of it and origin's) nor `landed` (a merged pull
 * request's head): the work a squash or rebase merge did not take. null when git cannot tell (`landed` is not in this
 * clone).
 */
export async function commitsBeyond(cwd: string, base: string, landed: string): Promise<number | null> {
  if (!/^[0-9a-f]{40}$/.test(landed)) return null;
  const from = await newestBase(cwd, base).catch(() => base);
  const result = await runGit(cwd, ["rev-list", "--count", "HEAD", `^${from}`, `^${landed}`]);
  return result.code === 0 ? Number(result.stdout.trim()) || 0 : null;
}

const STATUS_LETTER: Record<ChangedFile["change"], string> = { added: "A", modified: "M", deleted: "D", renamed: "R", copied: "C", "type-changed": "T" };

/** An uncommitted file's state as the git state says it: "??" for a new untracked file, else its change's letter. */
export function statusOf(file: ChangedFile): string {
  return file.isUntracked && file.change === "added" ? "??" : STATUS_LETTER[file.change];
}

/**
 * Uncommitted changes: what differs between HEAD and the work tree (staged or not, untracked files too, with real +/-
 * counts), read exactly as the Changes panel's "Uncommitted" list reads it, so the header and the panel count the
 * same files. So a file added to the index and then deleted, or a submodule with edits inside it but at the same
 * commit, is no change here either: committing everything would leave HEAD's tree as it is. `fileCount`, `additions`
 * and `deletions` count every file, `files` lists the first {@link MAX_FILES}.
 */
async function changedFiles(cwd: string): Promise<{ files: GitFileChange[]; fileCount: number; additions: number; deletions: number }> {
  // A turn's end has just recorded the work tree, unchanged since: recording it again would hash the same files.
  const [head, snapshot] = await Promise.all([headOrEmptyTree(cwd), sharedSnapshot(cwd).then((shared) => shared ?? worktreeSnapshot(cwd)).catch(warnedNull)]);
  if (!snapshot) return { files: [], fileCount: 0, additions: 0, deletions: 0 };
  const changed = await changedFilesBetween(cwd, head, snapshot.tree, snapshot).catch(warnedNull);
  const files = changed ?? [];
  const listed: GitFileChange[] = [
    ...files.map((f) => ({ path: f.path, status: statusOf(f), additions: f.additions ?? 0, deletions: f.deletions ?? 0 })),
    ...[...snapshot.leftOut, ...snapshot.newRepos].map((path) => ({ path, status: "??", additions: 0, deletions: 0 })),
  ];
  const additions = listed.reduce((n, f) => n + f.additions, 0);
  const deletions = listed.reduce((n, f) => n + f.deletions, 0);
  return { files: listed.slice(0, MAX_FILES), fileCount: listed.length, additions, deletions };
}

/** A work tree git cannot record or diff (a broken index) has no counted changes: said in the log, never thrown. */
function warnedNull(error: unknown): null {
  console.warn("[git] recording the work tree for its changes failed:", error instanceof Error ? error.message : error);
  return null;
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

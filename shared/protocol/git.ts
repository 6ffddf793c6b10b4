import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { SessionId } from "../ids.ts";

/**
 * Git operations that every device sees running and can cancel: the long ones with progress, and a commit (its
 * pre-commit hook may run for minutes, or hang, while it holds the repository's lock).
 */
export const GitOperationKind = lazySchema(() => z.enum(["push", "pull", "rebase", "merge", "commit"]));
export type GitOperationKind = z.infer<typeof GitOperationKind>;

/**
 * Where a session's branch stands for pushing and pulling: its name, HEAD, its upstream and how far apart they are, a
 * stopped rebase or merge. What a push, pull, rebase or merge failed on; once the branch is elsewhere the failure is
 * history, not news.
 */
export const GitSyncPoint = lazySchema(() => z.object({
  branch: z.string().nullable(),
  headSha: z.string().nullable(),
  upstream: z.object({ name: z.string(), ahead: z.number(), behind: z.number() }).nullable(),
  operation: z.enum(["rebase", "merge"]).nullable(),
}));
export type GitSyncPoint = z.infer<typeof GitSyncPoint>;

/**
 * A long git operation of a session as every device sees it: running with git's stage and percent, then done, failed
 * (with git's own message), cancelled, or stopped on conflicts. Sent live, never stored.
 */
export const GitOperation = lazySchema(() => z.object({
  id: z.string(),
  sessionId: SessionId,
  kind: GitOperationKind,
  status: z.enum(["running", "done", "failed", "cancelled", "conflicts"]),
  /** git's progress stage (`counting`, `writing`, `receiving`…) and percent, while running. */
  stage: z.string().nullable(),
  percent: z.number().nullable(),
  /** git's message when it failed; a short summary otherwise. */
  message: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /**
   * A failed one: where the branch stood when its git state was read right after (a rejected push may have fetched);
   * its failure applies while the branch is still there. Null until then, and for the other outcomes.
   */
  failedAt: GitSyncPoint.nullable().default(null),
}));
export type GitOperation = z.infer<typeof GitOperation>;

/** A file of the Git panel's staged or unstaged list, with its status letter and +/− counts. */
export const GitChangeEntry = lazySchema(() => z.object({
  path: z.string(),
  /** One letter: M modified, A added, D deleted, R renamed, T type, U unmerged, ? untracked. */
  status: z.string(),
  /** The path it was renamed from (status R), or null. */
  oldPath: z.string().nullable().default(null),
  additions: z.number(),
  deletions: z.number(),
  isBinary: z.boolean(),
  /** An untracked file too large to count the lines of (its counts are 0, not its size): say so, not "+0". */
  isTooLarge: z.boolean().optional(),
}));
export type GitChangeEntry = z.infer<typeof GitChangeEntry>;

/** What is staged and what is not, as the Git panel lists it. */
export const GitChanges = lazySchema(() => z.object({
  staged: z.array(GitChangeEntry),
  unstaged: z.array(GitChangeEntry),
  /**
   * How many changed paths git listed, when that is more than the panel lists (its first 1,000): the lists are then
   * the first of them, and "Stage all" / "Unstage all" act on every path, listed or not. Absent when all are listed.
   */
  truncatedFrom: z.number().optional(),
}));
export type GitChanges = z.infer<typeof GitChanges>;

/** One hunk of a file diff as the panel shows it: index, `@@` header and lines. */
export const GitHunk = lazySchema(() => z.object({ index: z.number(), header: z.string(), lines: z.array(z.string()) }));
export type GitHunk = z.infer<typeof GitHunk>;
/**
 * A file's staged or unstaged hunks; `oldPath` when they are a rename's (what changed besides the move). `sizes`, for a
 * binary file alone, says each side's size in bytes (staged: HEAD → index; unstaged: index → work tree), null where
 * the file is not (added, deleted), as it has no hunks to say what changed.
 */
export const GitFileDiff = lazySchema(() => z.object({
  path: z.string(),
  oldPath: z.string().nullable().default(null),
  isStaged: z.boolean(),
  isBinary: z.boolean(),
  hunks: z.array(GitHunk),
  sizes: z.object({ before: z.number().nullable(), after: z.number().nullable() }).nullable().default(null),
  /** An untracked file's lines against nothing: staged by hunk or line, but discarded only whole. */
  isNew: z.boolean().default(false),
  /** How the hunks' lines were read: `windows-1252` when they are not valid UTF-8 (said above the hunks). */
  encoding: z.enum(["utf-8", "windows-1252"]).default("utf-8"),
}));
export type GitFileDiff = z.infer<typeof GitFileDiff>;

/** One commit of a session's history, with where it stands: only on the session's branch, pushed or not. */
export const GitLogEntry = lazySchema(() => z.object({
  sha: z.string(),
  subject: z.string(),
  author: z.string(),
  /** Epoch ms. */
  authoredAt: z.number(),
  /** Not on the session's base branch: the session's own work. */
  isAhead: z.boolean(),
  /** On the branch's upstream (null: the branch has no upstream). */
  isPushed: z.boolean().nullable(),
}));
export type GitLogEntry = z.infer<typeof GitLogEntry>;

/** The newest commits from HEAD; `hasMore` when older ones were left out. */
export const GitLog = lazySchema(() => z.object({ commits: z.array(GitLogEntry), hasMore: z.boolean() }));
export type GitLog = z.infer<typeof GitLog>;

/** One commit in full: its message, the files it changed, and its patch (cut when long). */
export const GitCommitDetail = lazySchema(() => z.object({
  sha: z.string(),
  message: z.string(),
  files: z.array(GitChangeEntry),
  patch: z.string(),
  isPatchTruncated: z.boolean(),
}));
export type GitCommitDetail = z.infer<typeof GitCommitDetail>;

/** One stash of the repository (stashes are shared by every worktree of it): `sha` names it, its index moves. */
export const GitStash = lazySchema(() => z.object({
  sha: z.string(),
  /** Its place in `git stash list` when read (`stash@{index}`). */
  index: z.number(),
  /** The branch it was made on ("On work: …"), null when git did not record one (a detached HEAD). */
  branch: z.string().nullable(),
  message: z.string(),
  createdAt: z.number(),
}));
export type GitStash = z.infer<typeof GitStash>;

/** What a stash holds: its files (tracked and untracked) and its patch, cut when long. */
export const GitStashDetail = lazySchema(() => z.object({ sha: z.string(), files: z.array(GitChangeEntry), patch: z.string(), isTruncated: z.boolean() }));
export type GitStashDetail = z.infer<typeof GitStashDetail>;

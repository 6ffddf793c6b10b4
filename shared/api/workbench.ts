import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { CommandId, ConversationId } from "../ids.ts";

/** Which changes the Changes panel lists: everything since the base, what is not committed yet, or the last turn's. */
export const ChangeScope = lazySchema(() => z.enum(["base", "uncommitted", "turn"]));
export type ChangeScope = z.infer<typeof ChangeScope>;

/** One file that differs in a scope; `additions`/`deletions` are null for binary files. */
export const ChangedFile = lazySchema(() => z.object({
  path: z.string(),
  /** The path before a rename or copy; null otherwise. */
  oldPath: z.string().nullable(),
  change: z.enum(["added", "modified", "deleted", "renamed", "copied", "type-changed"]),
  additions: z.number().nullable(),
  deletions: z.number().nullable(),
  isBinary: z.boolean(),
  /** An untracked file too large to record (server/git/worktree-tree.ts): listed, with no counts and no diff. */
  isTooLarge: z.boolean(),
  oldMode: z.string().nullable(),
  newMode: z.string().nullable(),
  isUntracked: z.boolean(),
  isStaged: z.boolean(),
  isUnstaged: z.boolean(),
}));
export type ChangedFile = z.infer<typeof ChangedFile>;

/** The Changes listing of a session in one scope. `from` is what it is compared with (null: scope unavailable). */
export const ChangeList = lazySchema(() => z.object({
  scope: ChangeScope,
  from: z.string().nullable(),
  /** Why the scope has nothing to compare with (e.g. no turn has run yet). */
  note: z.string().nullable(),
  files: z.array(ChangedFile),
  /** `files` stops at 2,000: more match (the filter, or the whole scope without one) than are listed, past `offset`. */
  isTruncated: z.boolean(),
  /** Where in the matching files `files` starts: 0 but for a next page. */
  offset: z.number().int().nonnegative().default(0),
  /** How many files match: the scope's every changed file without a filter, which the session's header counts too. */
  totalCount: z.number().int().nonnegative(),
  /** The filter by path the listing answers (part of a path, any case), or null for every file. */
  pathFilter: z.string().nullable(),
}));
export type ChangeList = z.infer<typeof ChangeList>;

/**
 * Every changed path of a session, for the Files tree's marks: not capped at the listing's 2,000 (a file past them
 * showed as unchanged), only at the 50,000 files the tree lists at most.
 */
export const ChangedPaths = lazySchema(() => z.object({
  /** Uncommitted files with their state as the session's git state says it ("M", "A", "??"…). */
  uncommitted: z.array(z.object({ path: z.string(), status: z.string() })),
  /** The files the branch changed since its base, committed or not, but not deleted ones; none without a base. */
  sinceBase: z.array(z.string()),
}));
export type ChangedPaths = z.infer<typeof ChangedPaths>;

/** One side of a changed image: its type (from the file name) and size in bytes; its bytes come from the side route. */
export const ImageSide = lazySchema(() => z.object({ mediaType: z.string(), size: z.number() }));
export type ImageSide = z.infer<typeof ImageSide>;

/** Both sides of one changed file; a side is null when the file does not exist there. */
export const FileDiffSides = lazySchema(() => z.object({
  path: z.string(),
  oldPath: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  isBinary: z.boolean(),
  isTooLarge: z.boolean(),
  /** The file is not on the new side (deleted in the scope): there is nothing on disk, only what it was. */
  isDeleted: z.boolean().default(false),
  /** For an image (PNG, JPEG, GIF, WebP, AVIF, SVG…), each side that exists, to show them side by side; null for other files. */
  images: z.object({ before: ImageSide.nullable(), after: ImageSide.nullable() }).nullable().default(null),
  /**
   * For a file shown without a text diff (binary, too large): each side's size in bytes, null where the file is not
   * (added, deleted), so what changed is said even when it cannot be shown. Null for a text diff.
   */
  sizes: z.object({ before: z.number().nullable(), after: z.number().nullable() }).nullable().default(null),
  /** How the text sides were read: `windows-1252` when a side is not valid UTF-8 (said above the diff). */
  encoding: z.enum(["utf-8", "windows-1252"]).default("utf-8"),
}));
export type FileDiffSides = z.infer<typeof FileDiffSides>;

/** How long a path may be (Linux's PATH_MAX): a path, a filter by part of one and an exact lookup share it. */
export const MAX_PATH_CHARS = 4096;

/** A path inside a session's worktree, relative to its root. */
export const WorktreePath = lazySchema(() => z
  .string()
  .min(1, "A path cannot be empty.")
  .max(MAX_PATH_CHARS, "A path is at most 4,096 characters.")
  .refine((path) => !path.includes("\0"), "A path cannot hold a NUL character."));

/**
 * A listing's scope; optionally part of a path (any case) to list only the files whose path or old path holds it, or
 * `file`, one exact path, to find that file alone (a diff tab's lookup: a part would also match `data.ts` for
 * `a.ts`); and `offset`, where in the matching files the 2,000 listed start (the session review's next pages).
 */
export const ChangesQuery = lazySchema(() => z.object({
  scope: ChangeScope.default("base"),
  path: z.string().trim().max(MAX_PATH_CHARS, "A path filter is at most 4,096 characters, as long as a path can be.").optional(),
  file: WorktreePath.optional(),
  offset: z.coerce.number().int().nonnegative().default(0),
}));
export type ChangesQuery = z.infer<typeof ChangesQuery>;
export const ChangedFileQuery = lazySchema(() => z.object({ scope: ChangeScope.default("base"), path: WorktreePath }));
export const FileQuery = lazySchema(() => z.object({ path: WorktreePath }));
/** A file deleted in a scope, to put back as it was before. */
export const RestoreDeletedInput = lazySchema(() => z.object({ scope: ChangeScope, path: WorktreePath }));
export type RestoreDeletedInput = z.infer<typeof RestoreDeletedInput>;
/** One side of a changed file, as bytes: `old` as it was (also a deleted file's), `new` as it is in the scope. */
export const ChangeSideQuery = lazySchema(() => ChangedFileQuery.extend({
  oldPath: WorktreePath.optional(),
  side: CommentSide,
  /** 1: sent as an attachment to save; 0: an image is sent as one, to show in an <img>. */
  download: z.enum(["0", "1"]).default("0"),
}));
export const TreeQuery = lazySchema(() => z.object({ showIgnored: z.enum(["0", "1"]).default("0") }));

/** One entry of the worktree's file tree (files, plus ignored folders listed without their contents). */
export const TreeEntry = lazySchema(() => z.object({ path: z.string(), isDir: z.boolean(), isIgnored: z.boolean() }));
export type TreeEntry = z.infer<typeof TreeEntry>;

/** A file opened in the editor: `version` is a hash of the bytes on disk, given back when saving. */
export const OpenedFile = lazySchema(() => z.object({
  path: z.string(),
  /** The text, its lines ending in \n whatever the file uses (a save writes the file's own endings back). */
  content: z.string().nullable(),
  version: z.string().nullable(),
  size: z.number(),
  /** Why the file cannot be edited (binary, too large, not UTF-8); the content is then null. */
  notice: z.string().nullable(),
}));
export type OpenedFile = z.infer<typeof OpenedFile>;

/**
 * What a refused save tells the user to do, by what happened to the file: a deleted one has nothing to reload or compare
 * with, so the editor offers to save it again (or to close it). Said by the server and by the editor alike.
 */
export function saveConflictChoices(isDeleted: boolean): string {
  return isDeleted ? "Save it again with your edits, or close it to let it go." : "Reload it, overwrite it, or compare first.";
}

export const SaveFileInput = lazySchema(() => z.object({
  path: WorktreePath,
  content: z.string().max(8 * 1024 * 1024),
  /** The version the editor started from; null for a new file. Ignored when `isForced`. */
  baseVersion: z.string().nullable(),
  isForced: z.boolean().default(false),
}));
export type SaveFileInput = z.infer<typeof SaveFileInput>;

/** Which side of a diff a comment's lines are on: `old` = the version before the change, `new` = the current file. */
export const CommentSide = lazySchema(() => z.enum(["old", "new"]));
export type CommentSide = z.infer<typeof CommentSide>;

export const ReviewComment = lazySchema(() => z.object({
  id: z.string(),
  path: z.string(),
  side: CommentSide,
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  body: z.string(),
  /** HEAD when the comment was made. */
  commitSha: z.string().nullable(),
  /** The commented lines' text, used to follow them as the file changes. */
  anchorText: z.string(),
  isOutdated: z.boolean(),
  isResolved: z.boolean(),
  sentAt: z.number().nullable(),
  createdAt: z.number(),
  /** When its text was last edited; null when never. */
  editedAt: z.number().nullable().default(null),
  /** The comment that starts the thread this one replies to (on the same lines); null for a thread's first comment. */
  replyTo: z.string().nullable().default(null),
}));
export type ReviewComment = z.infer<typeof ReviewComment>;

export const CreateCommentInput = lazySchema(() => z
  .object({
    path: WorktreePath,
    /** A renamed file's path on the old side of the diff, where an old-side comment's lines are read. */
    oldPath: WorktreePath.optional(),
    side: CommentSide.default("new"),
    /** The diff the lines were picked in: its old side is the base, HEAD, or the turn's start. */
    scope: ChangeScope.optional(),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    body: z.string().trim().min(1, "a comment needs text").max(20_000, "a comment can be at most 20,000 characters"),
  })
  .refine((c) => c.endLine >= c.startLine, { message: "endLine must not be before startLine" }));
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

export const ReplyInput = lazySchema(() => z.object({ body: z.string().trim().min(1, "a reply needs text").max(20_000, "a reply can be at most 20,000 characters") }));
export type ReplyInput = z.infer<typeof ReplyInput>;

export const UpdateCommentInput = lazySchema(() => z.object({
  body: z.string().trim().min(1, "a comment needs text").max(20_000, "a comment can be at most 20,000 characters").optional(),
  /** The text the edit started from: when another device changed it meanwhile, the edit is refused, not lost over it. */
  previousBody: z.string().max(20_000).optional(),
  isResolved: z.boolean().optional(),
}));
export type UpdateCommentInput = z.infer<typeof UpdateCommentInput>;

export const SendCommentsInput = lazySchema(() => z.object({
  commandId: CommandId,
  /** Which comments; all open, unsent ones when absent. */
  commentIds: z.array(z.string()).max(500).optional(),
  /** Which conversation gets them; the session's task conversation when absent. */
  conversationId: ConversationId.optional(),
}));
export type SendCommentsInput = z.infer<typeof SendCommentsInput>;

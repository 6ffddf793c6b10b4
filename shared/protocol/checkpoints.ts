import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";

/** A snapshot of a session's files: taken before each user turn, and before every rewind (so a rewind can be undone). */
export const Checkpoint = lazySchema(() => z.object({
  id: z.string(),
  conversationId: z.string(),
  /** The user message whose turn starts here (kind `turn`). */
  messageId: z.string().nullable(),
  kind: z.enum(["turn", "before-rewind"]),
  label: z.string(),
  createdAt: z.number(),
}));
export type Checkpoint = z.infer<typeof Checkpoint>;

/**
 * A conversation's checkpoints, oldest first, and the point its latest rewind saved while "Undo rewind" still means
 * just that (ADR 0138): null once a message or another rewind of the folder came after it, or it was undone.
 */
export const CheckpointListing = lazySchema(() => z.object({
  checkpoints: z.array(Checkpoint),
  undo: Checkpoint.nullable(),
  /** Whether checkpoints are taken in the conversation's folder (the top folder of a git repository) now. */
  isGitFolder: z.boolean(),
}));
export type CheckpointListing = z.infer<typeof CheckpointListing>;

/** What a rewind to a checkpoint would change, shown before asking. */
export const RewindPreview = lazySchema(() => z.object({
  checkpoint: Checkpoint,
  files: z.array(z.object({
    path: z.string(),
    change: z.enum(["restored", "deleted", "recreated"]),
    /**
     * A file the rewind deletes that was made while no Claude turn ran in the folder (by the user, by hand): after its
     * latest turn ended, or between two turns after the rewind's checkpoint (ADR 0252). No Claude turn wrote it. Absent
     * when that is not known for sure (a turn running or cut by a restart, a rewind in that gap).
     */
    isMadeAfterClaude: z.boolean().optional(),
  })),
  patch: z.string(),
  isTruncated: z.boolean(),
  /**
   * How the folder's HEAD moved since the checkpoint, which a rewind leaves where it is (it changes files, not
   * commits): null when it did not; `commits` made since, or null when it went elsewhere (another branch, a reset).
   */
  headMove: z.object({ commits: z.number().int().min(1).nullable() }).nullable(),
}));
export type RewindPreview = z.infer<typeof RewindPreview>;

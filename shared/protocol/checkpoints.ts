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
}));
export type CheckpointListing = z.infer<typeof CheckpointListing>;

/** What a rewind to a checkpoint would change, shown before asking. */
export const RewindPreview = lazySchema(() => z.object({
  checkpoint: Checkpoint,
  files: z.array(z.object({ path: z.string(), change: z.enum(["restored", "deleted", "recreated"]) })),
  patch: z.string(),
  isTruncated: z.boolean(),
}));
export type RewindPreview = z.infer<typeof RewindPreview>;

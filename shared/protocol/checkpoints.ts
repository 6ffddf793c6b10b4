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

/** What a rewind to a checkpoint would change, shown before asking. */
export const RewindPreview = lazySchema(() => z.object({
  checkpoint: Checkpoint,
  files: z.array(z.object({ path: z.string(), change: z.enum(["restored", "deleted", "recreated"]) })),
  patch: z.string(),
  isTruncated: z.boolean(),
}));
export type RewindPreview = z.infer<typeof RewindPreview>;

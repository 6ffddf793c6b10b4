import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, QueuedMessageId } from "../ids.ts";

/** One message typed while Claude worked, held by the server until the turn ends (ADR 0025). */
export const QueuedMessage = lazySchema(() => z.object({
  id: QueuedMessageId,
  text: z.string(),
  imageCount: z.number().int().nonnegative(),
  createdAt: z.number(),
  /** Not sent before this time (e.g. "continue when the rate limit resets"); null: as soon as the turn ends. */
  sendAfter: z.number().nullable(),
  /**
   * `waiting` for the turn to end; `held` after the user stopped the turn (it waits for "Send now", or for the end of
   * the next turn the user starts, ADR 0230); `sending` while it is handed to the CLI.
   */
  state: z.enum(["waiting", "held", "sending"]),
  /** Why the last attempt to send it failed; it stays queued until sent or cancelled. */
  error: z.string().nullable(),
}));
export type QueuedMessage = z.infer<typeof QueuedMessage>;

/** A conversation's queue, oldest first: sent one per finished turn. */
export const MessageQueue = lazySchema(() => z.object({ conversationId: ConversationId, items: z.array(QueuedMessage) }));
export type MessageQueue = z.infer<typeof MessageQueue>;

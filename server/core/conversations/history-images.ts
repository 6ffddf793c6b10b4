import { addedImagesCheck, CONVERSATION_COMPACTED_NOTICE, type HistoryImages } from "../../../shared/api/history-images.ts";
import type { ConversationId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Repositories } from "../../persistence/repositories.ts";

/** The images the conversation's Claude history carries since its last compaction, from what ChatML stored (ADR 0093). */
export function historyImagesOf(repos: Pick<Repositories, "messages">, conversationId: ConversationId): HistoryImages {
  return repos.messages.historyImages(conversationId, CONVERSATION_COMPACTED_NOTICE);
}

/**
 * Refuses a message whose images would take the history past the API's count per request (every later message would
 * fail); answers the warning to record when their size, as attached, comes over what one request carries. A message
 * queued behind others (ADR 0025) is checked with the images of those (`queuedAhead`), which go first: a script that
 * queues hears the refusal at once, not later as the queued item's error.
 */
export function checkHistoryImages(repos: Pick<Repositories, "messages">, conversationId: ConversationId, images: readonly { data: string }[], queuedAhead: readonly { data: string }[] = []): string | null {
  if (images.length === 0) return null;
  const { refusal, warning } = addedImagesCheck(historyImagesOf(repos, conversationId), images, queuedAhead);
  if (refusal) throw new AppError("bad_request", refusal);
  return warning;
}

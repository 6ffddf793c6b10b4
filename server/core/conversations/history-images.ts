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
 * fail); answers the warning to record when their size, as attached, comes over what one request carries.
 */
export function checkHistoryImages(repos: Pick<Repositories, "messages">, conversationId: ConversationId, images: readonly { data: string }[]): string | null {
  if (images.length === 0) return null;
  const { refusal, warning } = addedImagesCheck(historyImagesOf(repos, conversationId), images);
  if (refusal) throw new AppError("bad_request", refusal);
  return warning;
}

/**
 * Refuses images queued behind other messages (ADR 0025) when the history could not take them once those are sent: a
 * script that queues hears it at once, not later as the queued item's error. The 32 MB warning is left to the send.
 */
export function refuseQueuedImages(repos: Pick<Repositories, "messages">, conversationId: ConversationId, queuedAhead: readonly { data: string }[], images: readonly { data: string }[]): void {
  if (images.length === 0) return;
  const { refusal } = addedImagesCheck(historyImagesOf(repos, conversationId), images, queuedAhead);
  if (refusal) throw new AppError("bad_request", refusal);
}

import { useEffect, useState } from "react";
import { addedImagesCheck, type ConversationId, type HistoryImages, type ImageInput } from "../../../../../shared/index.ts";
import { api } from "../../../lib/api.ts";

/**
 * What the attached images would do to the conversation's Claude history, which goes with every request (ADR 0093):
 * why they cannot be sent (past the API's images per request), or a warning (past 32 MB as attached). The history is
 * read as the first image is attached; the server checks again on send, so a failed read only leaves this silent.
 */
export function useHistoryImages(id: ConversationId, items: readonly ImageInput[]): { refusal: string | null; warning: string | null } {
  const [history, setHistory] = useState<{ id: ConversationId; images: HistoryImages } | null>(null);
  const hasImages = items.length > 0;
  useEffect(() => {
    if (!hasImages) return;
    let isCurrent = true;
    api.historyImages(id).then(
      (images) => isCurrent && setHistory({ id, images }),
      () => isCurrent && setHistory(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [id, hasImages]);
  if (!hasImages || history?.id !== id) return { refusal: null, warning: null };
  return addedImagesCheck(history.images, items);
}

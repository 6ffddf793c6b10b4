import { useCallback, useRef, useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useViewStore } from "../../stores/view-store.ts";

/** Loads the page before the oldest one this tab holds; one request at a time, errors shown and retryable. */
export function useOlderPages(id: ConversationId, cursor: number | null) {
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const loadOlder = useCallback(async () => {
    if (cursor === null || inFlight.current) return;
    inFlight.current = true;
    setIsLoading(true);
    setError(null);
    try {
      useViewStore.getState().prepend(id, await api.history(id, cursor));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      inFlight.current = false;
      setIsLoading(false);
    }
  }, [id, cursor]);
  return { loadOlder, isLoading, error, hasOlder: cursor !== null };
}

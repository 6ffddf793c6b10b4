import { useCallback, useEffect, useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";

/** A session's review comments, refetched whenever any device changes them or the session's files change. */
export function useReviewComments(sessionId: SessionId) {
  const [comments, setComments] = useState<ReviewComment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reviews = useWorkbenchRevision(sessionId, "reviews");
  const files = useWorkbenchRevision(sessionId, "files");
  const checkedAt = useConversationsStore((s) => s.sessions[sessionId]?.git?.checkedAt ?? 0);
  const load = useCallback(
    () =>
      workbenchApi.comments(sessionId).then(
        (r) => {
          setComments(r.comments);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      ),
    [sessionId],
  );
  useEffect(() => {
    void load();
  }, [load, reviews, files, checkedAt]);
  return { comments, error, reload: load };
}

import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";
import { collectOrphans, dropOrphan, readOrphans, type DraftKind, type OrphanedDraft } from "./orphaned-drafts.ts";

/**
 * A session's review comments, refetched whenever any device changes them or the session's files change; and the
 * words this device was writing for comments deleted meanwhile (`orphans`), which would otherwise vanish with them.
 */
export function useReviewComments(sessionId: SessionId) {
  const [comments, setComments] = useState<ReviewComment[] | null>(null);
  const [orphans, setOrphans] = useState<OrphanedDraft[]>(() => readOrphans(sessionId));
  const [error, setError] = useState<string | null>(null);
  const shown = useRef<ReviewComment[]>([]);
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
  // After the cards of deleted comments are gone: unmounting, their forms stored the last words typed.
  useEffect(() => {
    if (comments === null) return;
    setOrphans(collectOrphans(sessionId, comments, shown.current));
    shown.current = comments;
  }, [sessionId, comments]);
  const dismissOrphan = useCallback((commentId: string, kind: DraftKind) => setOrphans(dropOrphan(sessionId, commentId, kind)), [sessionId]);
  return { comments: comments ?? [], orphans, dismissOrphan, error, reload: load };
}

import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";
import { adoptLegacyDrafts, collectOrphans, dropOrphan, readOrphans, type DraftKind, type OrphanedDraft } from "./orphaned-drafts.ts";

/**
 * A session's review comments, refetched whenever any device changes them or the session's files change; and the
 * words this device was writing for comments deleted meanwhile (`orphans`), which would otherwise vanish with them.
 */
export function useReviewComments(sessionId: SessionId) {
  // Which session a list is of: the same screen may show another session's diff next, before its list comes.
  const [listed, setListed] = useState<{ sessionId: SessionId; comments: ReviewComment[] } | null>(null);
  const comments = listed?.sessionId === sessionId ? listed.comments : null;
  const [orphaned, setOrphaned] = useState<{ sessionId: SessionId; orphans: OrphanedDraft[] }>(() => ({ sessionId, orphans: readOrphans(sessionId) }));
  const [error, setError] = useState<string | null>(null);
  const shown = useRef<ReviewComment[]>([]);
  const reviews = useWorkbenchRevision(sessionId, "reviews");
  const files = useWorkbenchRevision(sessionId, "files");
  const checkedAt = useConversationsStore((s) => s.sessions[sessionId]?.git?.checkedAt ?? 0);
  const load = useCallback(
    () =>
      workbenchApi.comments(sessionId).then(
        (r) => {
          adoptLegacyDrafts(sessionId, r.comments);
          setListed({ sessionId, comments: r.comments });
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
    setOrphaned({ sessionId, orphans: collectOrphans(sessionId, comments, shown.current) });
    shown.current = comments;
  }, [sessionId, comments]);
  const dismissOrphan = useCallback((commentId: string, kind: DraftKind) => setOrphaned({ sessionId, orphans: dropOrphan(sessionId, commentId, kind) }), [sessionId]);
  const orphans = orphaned.sessionId === sessionId ? orphaned.orphans : [];
  return { comments: comments ?? [], orphans, dismissOrphan, error, reload: load };
}

import { useEffect, useState } from "react";
import type { ChangeList, ChangeScope, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";

/**
 * The listing, refetched when the session's git state or files change (on any device) and when the scope or the
 * filter by path changes (the server filters: past its first 2,000 files the rest is only there).
 */
export function useChanges(sessionId: SessionId, scope: ChangeScope, pathFilter: string | null = null): { data: ChangeList | null; error: string | null } {
  const [state, setState] = useState<{ data: ChangeList | null; error: string | null }>({ data: null, error: null });
  const git = useConversationsStore((s) => s.sessions[sessionId]?.git);
  const gitKey = git ? `${git.headSha}:${git.checkedAt}` : "";
  const files = useWorkbenchRevision(sessionId, "files");
  useEffect(() => {
    let isCurrent = true;
    workbenchApi.changes(sessionId, scope, pathFilter).then(
      (r) => isCurrent && setState({ data: r.changes, error: null }),
      (e: unknown) => isCurrent && setState((s) => ({ data: s.data, error: errorMessage(e) })),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, scope, pathFilter, gitKey, files]);
  return state;
}

import { useEffect, useState } from "react";
import type { ChangeList, ChangeScope, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";

/** The listing, refetched when the session's git state or files change (on any device) and when the scope changes. */
export function useChanges(sessionId: SessionId, scope: ChangeScope): { data: ChangeList | null; error: string | null } {
  const [state, setState] = useState<{ data: ChangeList | null; error: string | null }>({ data: null, error: null });
  const git = useConversationsStore((s) => s.sessions[sessionId]?.git);
  const gitKey = git ? `${git.headSha}:${git.checkedAt}` : "";
  const files = useWorkbenchRevision(sessionId, "files");
  useEffect(() => {
    let isCurrent = true;
    workbenchApi.changes(sessionId, scope).then(
      (r) => isCurrent && setState({ data: r.changes, error: null }),
      (e: unknown) => isCurrent && setState((s) => ({ data: s.data, error: errorMessage(e) })),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, scope, gitKey, files]);
  return state;
}

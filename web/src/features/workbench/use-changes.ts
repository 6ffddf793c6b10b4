import { useEffect, useState } from "react";
import type { ChangedFile, ChangedPaths, ChangeList, ChangeScope, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";

type Loaded<T> = { data: T | null; error: string | null };

/**
 * The listing, refetched when the session's git state or files change (on any device) and when the scope or the
 * filter by path changes (the server filters: past its first 2,000 files the rest is only there).
 */
export function useChanges(sessionId: SessionId, scope: ChangeScope, pathFilter: string | null = null): Loaded<ChangeList> {
  return useLive(sessionId, () => workbenchApi.changes(sessionId, scope, { pathFilter }).then((r) => r.changes), `${scope}:${pathFilter ?? ""}`);
}

/** The scope's entry of the file at exactly `path` (null when it has none), kept live alike: a diff tab's lookup. */
export function useChangedFile(sessionId: SessionId, scope: ChangeScope, path: string): Loaded<ChangedFile | null> {
  return useLive(sessionId, () => workbenchApi.changes(sessionId, scope, { file: path }).then((r) => r.changes.files.find((file) => file.path === path) ?? null), `${scope}:${path}`);
}

/** Every changed path of the session (uncommitted and since its base, past the listing's 2,000 too), kept live alike. */
export function useChangedPaths(sessionId: SessionId): Loaded<ChangedPaths> {
  return useLive(sessionId, () => workbenchApi.paths(sessionId).then((r) => r.paths), "");
}

/** `read`'s answer, read again when `key` or the session's git state or files change; an error keeps the last answer. */
function useLive<T>(sessionId: SessionId, read: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null });
  const git = useConversationsStore((s) => s.sessions[sessionId]?.git);
  const gitKey = git ? `${git.headSha}:${git.checkedAt}` : "";
  const files = useWorkbenchRevision(sessionId, "files");
  useEffect(() => {
    let isCurrent = true;
    read().then(
      (data) => isCurrent && setState({ data, error: null }),
      (e: unknown) => isCurrent && setState((s) => ({ data: s.data, error: errorMessage(e) })),
    );
    return () => {
      isCurrent = false;
    };
    // `read` is a new function each render; what it reads is in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, key, gitKey, files]);
  return state;
}

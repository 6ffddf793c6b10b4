import { useCallback, useEffect, useState } from "react";
import type { GitChanges, Session, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { gitApi } from "./git-api.ts";

/**
 * The session's staged and unstaged files, read again whenever its live git state changes (the server's watchers
 * publish it, so a change made on another device or by Claude shows here too).
 */
export function useGitChanges(session: Session | undefined): { changes: GitChanges | null; error: string | null; reload: () => void } {
  const [changes, setChanges] = useState<GitChanges | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const id = session?.id as SessionId | undefined;
  const signature = session?.git ? JSON.stringify({ ...session.git, checkedAt: 0 }) : "";
  useEffect(() => {
    if (!id) return;
    let isCurrent = true;
    gitApi.changes(id).then(
      (next) => isCurrent && (setChanges(next), setError(null)),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [id, signature, tick]);
  // Reading again clears the last failure: "Reading changes…" shows until the answer comes.
  const reload = useCallback(() => (setError(null), setTick((t) => t + 1)), []);
  return { changes, error, reload };
}

import { useCallback, useState } from "react";
import { errorMessage } from "../../lib/http.ts";

/** Runs panel actions one at a time, remembering which one is busy, and git's message and the action's label when one fails. */
export function useGitAction(): {
  busy: string | null;
  error: string | null;
  /** The label of the action that failed with `error` (so the error can show beside its control). */
  failed: string | null;
  clearError: () => void;
  run: <T>(label: string, action: () => Promise<T>) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const run = useCallback(async <T,>(label: string, action: () => Promise<T>) => {
    setBusy(label);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(errorMessage(e));
      setFailed(label);
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, failed, clearError: useCallback(() => setError(null), []), run };
}

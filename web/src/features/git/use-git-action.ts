import { useCallback, useState } from "react";
import { errorMessage } from "../../lib/http.ts";

/** Runs panel actions one at a time, remembering which one is busy and git's message when one fails. */
export function useGitAction(): {
  busy: string | null;
  error: string | null;
  clearError: () => void;
  run: <T>(label: string, action: () => Promise<T>) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(label: string, action: () => Promise<T>) => {
    setBusy(label);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, clearError: useCallback(() => setError(null), []), run };
}

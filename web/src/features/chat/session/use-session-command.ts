import { useCallback, useState } from "react";
import { errorMessage } from "../../../lib/http.ts";
import { newCommandId } from "../../../lib/command-id.ts";

/** Runs one session command (model, mode, stop, relaunch) with a busy flag and an error line. */
export function useSessionCommand() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (name: string, call: (commandId: string) => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    try {
      await call(newCommandId());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }, []);
  return { run, busy, error };
}

import { useCallback, useState } from "react";
import { errorMessage } from "../../../lib/http.ts";
import { newCommandId } from "../../../lib/command-id.ts";

/**
 * Runs one session command (model, effort, mode, stop, relaunch) with a busy flag and an error line; `failed` names the
 * command the error is about, so a setting's refusal is said under that setting. Resolves whether the server took it.
 */
export function useSessionCommand() {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ name: string; message: string } | null>(null);
  const run = useCallback(async (name: string, call: (commandId: string) => Promise<unknown>): Promise<boolean> => {
    setBusy(name);
    setFailure(null);
    try {
      await call(newCommandId());
      return true;
    } catch (e) {
      setFailure({ name, message: errorMessage(e) });
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  return { run, busy, error: failure?.message ?? null, failed: failure?.name ?? null };
}

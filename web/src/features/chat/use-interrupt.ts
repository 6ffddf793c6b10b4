import { useCallback, useEffect, useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useCommandId } from "../../lib/use-command-id.ts";

/** Interrupts the running turn (Stop button, or Esc anywhere outside a text field with content). */
export function useInterrupt(id: ConversationId, isEnabled: boolean) {
  const [error, setError] = useState<string | null>(null);
  const [isStopping, setIsStopping] = useState(false);
  const { idFor, done } = useCommandId();

  const interrupt = useCallback(async () => {
    setIsStopping(true);
    setError(null);
    try {
      await api.interrupt(id, idFor(`interrupt:${id}`));
      done();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsStopping(false);
    }
  }, [id, idFor, done]);

  useEffect(() => {
    if (!isEnabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      void interrupt();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isEnabled, interrupt]);

  return { interrupt, isStopping, error };
}

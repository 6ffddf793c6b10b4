import { useCallback, useEffect, useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { useActionError } from "../../lib/use-action-error.ts";
import { useCommandId } from "../../lib/use-command-id.ts";

/**
 * Interrupts the running turn: the Stop button, or Esc from an obvious place — the (empty) composer or no focused
 * field — while Claude is working. Never while it waits for the user (a permission, question or plan would be lost),
 * and never for an Escape that closed a panel (escape-layers swallow those first).
 */
export function useInterrupt(id: ConversationId, isEnabled: boolean, isEscEnabled = isEnabled) {
  const { error, fail, clear } = useActionError();
  const [isStopping, setIsStopping] = useState(false);
  const { idFor, done } = useCommandId();

  const interrupt = useCallback(async () => {
    setIsStopping(true);
    clear();
    try {
      await api.interrupt(id, idFor(`interrupt:${id}`));
      done();
    } catch (e) {
      fail(e);
    } finally {
      setIsStopping(false);
    }
  }, [id, idFor, done, fail, clear]);

  // Once nothing runs there is nothing to stop: a failed Stop's error would only confuse.
  useEffect(() => {
    if (!isEnabled) clear();
  }, [isEnabled, clear]);

  useEffect(() => {
    if (!isEnabled || !isEscEnabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || !isObviousPlace(e.target)) return;
      e.preventDefault();
      void interrupt();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isEnabled, isEscEnabled, interrupt]);

  return { interrupt, isStopping, error };
}

/** The composer (its own handler keeps Esc for clearing typed text) or the page itself, not a field or a button. */
function isObviousPlace(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || target === document.body) return true;
  return target.matches('textarea[aria-label="Message"]');
}

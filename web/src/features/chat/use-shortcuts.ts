import { useEffect } from "react";
import { focusComposer } from "../../lib/composer-focus.ts";

type Panel = "tasks" | "session" | "budget" | null;

/**
 * Desktop shortcuts outside text fields: `/` focuses the composer (and starts a command), `t` toggles tasks,
 * `s` session controls. Escape closes the topmost panel (lib/escape-layers); Esc interrupting a turn lives in
 * useInterrupt; y/n and Alt+Y/Alt+N on permission cards.
 */
export function useShortcuts(setPanel: (update: (p: Panel) => Panel) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (e.key === "/") focusComposer();
      else if (e.key === "t") setPanel((p) => (p === "tasks" ? null : "tasks"));
      else if (e.key === "s") setPanel((p) => (p === "session" || p === "budget" ? null : "session"));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setPanel]);
}

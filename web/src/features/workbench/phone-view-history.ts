import { useEffect } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";

/** What the history entry a phone view pushes carries, so Back can tell it from the page's own entries. */
type PhoneViewEntry = { chatmlPhoneView: SessionId };

function isPhoneViewEntry(state: unknown, sessionId: SessionId): boolean {
  return typeof state === "object" && state !== null && (state as Partial<PhoneViewEntry>).chatmlPhoneView === sessionId;
}

/**
 * On phones the conversation, the tools (Changes, Files, Git, Terminals) and open documents are views of one screen,
 * so Back (the browser's, or Android's gesture) left the session from a file. Leaving the conversation for a view
 * adds one history entry; Back from any view then returns to the conversation, and returning to it by the bar drops
 * that entry again, so Back from the conversation still leaves the session.
 */
export function usePhoneViewHistory(sessionId: SessionId, view: string): void {
  useEffect(() => {
    const onEntry = isPhoneViewEntry(history.state, sessionId);
    if (view !== "chat" && !onEntry) history.pushState({ chatmlPhoneView: sessionId } satisfies PhoneViewEntry, "", location.href);
    if (view === "chat" && onEntry) history.back();
  }, [sessionId, view]);

  useEffect(() => {
    const onBack = (event: PopStateEvent) => {
      if (isPhoneViewEntry(event.state, sessionId)) return;
      useWorkbenchStore.getState().patch(sessionId, { phoneView: "chat" });
    };
    window.addEventListener("popstate", onBack);
    return () => window.removeEventListener("popstate", onBack);
  }, [sessionId]);
}

import { useEffect, useRef } from "react";
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
 * that entry again, so Back from the conversation still leaves the session. A document opened from a tool (a diff from
 * Changes, a file from Files) goes Back to that tool first: reviewing files one by one was Back, Changes, next file.
 */
export function usePhoneViewHistory(sessionId: SessionId, view: string): void {
  const shown = useRef(view);
  const docOpenedFrom = useRef<string | null>(null);
  useEffect(() => {
    if (view === "doc" && shown.current !== "doc") docOpenedFrom.current = shown.current === "chat" ? null : shown.current;
    shown.current = view;
    const onEntry = isPhoneViewEntry(history.state, sessionId);
    if (view !== "chat" && !onEntry) history.pushState({ chatmlPhoneView: sessionId } satisfies PhoneViewEntry, "", location.href);
    if (view === "chat" && onEntry) history.back();
  }, [sessionId, view]);

  useEffect(() => {
    const onBack = (event: PopStateEvent) => {
      if (isPhoneViewEntry(event.state, sessionId)) return;
      // Back to the tool the document came from, whose view pushes its entry again (the next Back is the conversation's).
      const tool = shown.current === "doc" ? docOpenedFrom.current : null;
      docOpenedFrom.current = null;
      useWorkbenchStore.getState().patch(sessionId, { phoneView: tool ?? "chat" });
    };
    window.addEventListener("popstate", onBack);
    return () => window.removeEventListener("popstate", onBack);
  }, [sessionId]);
}

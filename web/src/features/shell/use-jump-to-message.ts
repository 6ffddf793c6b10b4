import { useEffect } from "react";

/** How long to wait for the timeline to render the message (older history pages may load first). */
const WAIT_MS = 30_000;

/**
 * Scrolls the open conversation to a message (a search result) once it is rendered, and flashes it. Watches the
 * DOM for the element; stops at the first match or after a few seconds.
 */
export function useJumpToMessage(messageId: string | null): void {
  useEffect(() => {
    if (!messageId) return;
    const find = () => document.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    const reveal = (element: Element) => {
      element.scrollIntoView({ block: "center" });
      element.classList.add("ring-2", "ring-accent", "rounded-lg");
      setTimeout(() => element.classList.remove("ring-2", "ring-accent", "rounded-lg"), 2500);
    };
    const found = find();
    if (found) return reveal(found);
    const observer = new MutationObserver(() => {
      const element = find();
      if (!element) return;
      observer.disconnect();
      reveal(element);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [messageId]);
}

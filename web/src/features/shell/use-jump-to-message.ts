import { useEffect } from "react";

/** How long the jumped-to message stays marked: its CSS fades the mark out over the end of this time. */
export const JUMPED_MS = 4000;

/** How long to wait for the timeline to render the message (older history pages may load first). */
const WAIT_MS = 30_000;

/**
 * Scrolls the open conversation to a message (a search result) once it is rendered, and marks it. Watches the
 * DOM for the element; stops at the first match or after a few seconds.
 */
export function useJumpToMessage(messageId: string | null): void {
  useEffect(() => {
    if (!messageId) return;
    const find = () => document.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    const reveal = (element: Element) => {
      element.scrollIntoView({ block: "center" });
      markJumped(element);
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

/**
 * Marks a message jumped to for {@link JUMPED_MS}: `data-jumped` gives it a tinted, padded frame and a "Search result"
 * label (index.css), so it is found by more than colour, and the frame fades out before the mark goes. Focus moves to
 * it (without scrolling again), so a screen reader reads the message the search led to.
 */
export function markJumped(element: Element): void {
  element.setAttribute("data-jumped", "");
  if (element instanceof HTMLElement) {
    if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus({ preventScroll: true });
  }
  setTimeout(() => element.removeAttribute("data-jumped"), JUMPED_MS);
}

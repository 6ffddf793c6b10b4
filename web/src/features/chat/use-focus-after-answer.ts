import { useEffect, type RefObject } from "react";
import { focusComposer } from "../../lib/composer-focus.ts";

/**
 * A request card answered with the focus in it (Allow pressed from the keyboard or clicked with a mouse) goes from the
 * screen with its button, and the focus fell to the page's body: the next Tab started again at the top of the page.
 * The focus goes on to the next card that waits, else to the composer. Only where there is a keyboard (`isEnabled`):
 * on a phone the composer's focus would raise the on-screen keyboard over the answer just given.
 */
export function useFocusAfterAnswer(card: RefObject<HTMLElement | null>, isEnabled: boolean): void {
  useEffect(() => {
    const node = card.current;
    if (!node || !isEnabled) return;
    let hasFocus = node.contains(document.activeElement);
    const onIn = () => (hasFocus = true);
    // Focus that went to nothing (the answered button left, the window lost focus) still counts as the card's.
    const onOut = (e: FocusEvent) => {
      if (e.relatedTarget instanceof Node && !node.contains(e.relatedTarget)) hasFocus = false;
    };
    node.addEventListener("focusin", onIn);
    node.addEventListener("focusout", onOut);
    return () => {
      node.removeEventListener("focusin", onIn);
      node.removeEventListener("focusout", onOut);
      if (!hasFocus) return;
      // After the commit that took the card away, once the next card (if any) is on screen.
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active !== null && active !== document.body && active.isConnected) return;
        const next = document.querySelector<HTMLElement>('[data-testid="permission-card"]');
        if (next) next.focus();
        else focusComposer();
      });
    };
  }, [card, isEnabled]);
}

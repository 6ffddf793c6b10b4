import { useEffect, useRef, type RefObject } from "react";

/**
 * Pause and Resume are two buttons, one drawn in place of the other once the job's state changes (and disabled while
 * the change is sent): the keyboard fell to the page's body, and the next Tab started again at the top. Once the job
 * has the other state, the button now in `box` takes the focus back, unless the user moved it elsewhere meanwhile.
 * Returns how to send a press: `command` resolves whether the change was made.
 */
export function useToggleKeepsFocus(box: RefObject<HTMLElement | null>, isEnabled: boolean, isBusy: boolean) {
  // The state the toggle was pressed in, until the job has left it (or the change failed).
  const pressedIn = useRef<boolean | null>(null);
  useEffect(() => {
    if (pressedIn.current === null || isBusy || isEnabled === pressedIn.current) return;
    pressedIn.current = null;
    const active = document.activeElement;
    if (active === null || active === document.body) box.current?.querySelector("button")?.focus();
  }, [box, isEnabled, isBusy]);
  return async (command: () => Promise<boolean>) => {
    pressedIn.current = isEnabled;
    if (!(await command())) pressedIn.current = null;
  };
}

/** The name of a job card's group of actions (Run now, Edit, Pause or Resume, Delete). */
export const JOB_ACTIONS = "Job actions";

/**
 * Where the keyboard goes when a job's card is deleted: the next card's first action (Run now), else the previous
 * card's, else the list's own (New job) — not the page's body, which sent the next Tab back to the top of the page.
 */
export function focusTargetAfter(card: Element | null): HTMLElement | null {
  const list = card?.parentElement;
  if (!card || !list) return null;
  const cards = [...list.querySelectorAll(':scope > article[data-testid="job-card"]')];
  const at = cards.indexOf(card);
  const neighbour = cards[at + 1] ?? cards[at - 1];
  const button = neighbour?.querySelector(`[role="group"][aria-label="${JOB_ACTIONS}"] button`) ?? [...list.querySelectorAll("button")].find((b) => !card.contains(b));
  return button instanceof HTMLElement ? button : null;
}

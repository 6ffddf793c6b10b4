/**
 * A conversation the user has just made (Create session, New conversation) is somewhere to type: its composer takes
 * the focus when it shows, once. Kept here because the screen that creates it and the composer are different features.
 */
let pending: string | null = null;

/** Asks the composer of `conversationId` to take the focus when it next shows. */
export function focusComposerOnArrival(conversationId: string): void {
  pending = conversationId;
}

/** Whether the composer of `conversationId` was asked to take the focus; the request is used up. */
export function takeComposerFocus(conversationId: string): boolean {
  if (pending !== conversationId) return false;
  pending = null;
  return true;
}

/** Focuses the composer on screen, if there is one (a shortcut's `/`, a request answered from the keyboard). */
export function focusComposer(): void {
  document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
}

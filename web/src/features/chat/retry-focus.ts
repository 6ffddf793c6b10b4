/**
 * A Retry pressed from the keyboard: the retried message's own Retry takes the focus when it arrives. The pressed one
 * leaves with its row's Retry (only the newest message offers it), which dropped the focus to the page.
 */
let pending: { conversationId: string; fromMessageId: string } | null = null;

/** Asks the Retry of the next newest message of `conversationId` (not `fromMessageId`'s own) to take the focus. */
export function passRetryFocus(conversationId: string, fromMessageId: string): void {
  pending = { conversationId, fromMessageId };
}

/** The send failed: no message comes to take the focus, which stays on the Retry pressed. */
export function dropRetryFocus(): void {
  pending = null;
}

/** Whether `messageId`'s Retry, showing for the first time, takes the focus; the request is used up. */
export function takeRetryFocus(conversationId: string, messageId: string): boolean {
  if (pending?.conversationId !== conversationId || pending.fromMessageId === messageId) return false;
  pending = null;
  return true;
}

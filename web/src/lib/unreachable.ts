const OFFLINE = "This device is offline. ChatML reconnects by itself when the network is back.";
const SERVER_DOWN = "Cannot reach the ChatML server. Check that it is running and that this device can reach it; ChatML keeps trying.";

/** What an action's error says once the page has reconnected: the action was still not done, and can be tried again. */
export const REACHABLE_AGAIN = "That did not reach the ChatML server, so it was not done. The connection is back: try again.";

/** Says whose side the problem is on: this device has no network, or the server does not answer. */
export function unreachableMessage(): string {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return OFFLINE;
  return SERVER_DOWN;
}

/** Whether an error text is one `unreachableMessage` gave. */
export function isUnreachableMessage(text: string): boolean {
  return text === OFFLINE || text === SERVER_DOWN;
}

/** The title a conversation started by "+ Claude" has until its first prompt names it (see the title generator). */
export const INTERACTIVE_TITLE = "Interactive Claude";
/** The tab of an interactive Claude terminal. */
const TERMINAL_NAME = "Claude";

/**
 * The title of a new interactive conversation: "Interactive Claude", then "Interactive Claude 2", 3, … while the
 * session has one of that title, so three TUIs started together are three rows a user can tell apart (on every
 * device, and after a restart: the title is the conversation's own, in the database).
 * @example nextInteractiveTitle(["Interactive Claude", "Fix login"]) // "Interactive Claude 2"
 */
export function nextInteractiveTitle(takenTitles: Iterable<string>): string {
  return firstFree(INTERACTIVE_TITLE, new Set(takenTitles), 1);
}

/**
 * The tab name of a conversation's interactive terminal: "Claude", numbered as its conversation's placeholder title is
 * ("Interactive Claude 2" runs in "Claude 2"), and numbered on past the session's other terminals' names.
 * @example claudeTerminalName("Interactive Claude 3", ["Terminal 1"]) // "Claude 3"
 */
export function claudeTerminalName(conversationTitle: string, takenNames: Iterable<string>): string {
  const number = new RegExp(`^${INTERACTIVE_TITLE} (\\d+)$`).exec(conversationTitle)?.[1];
  return firstFree(TERMINAL_NAME, new Set(takenNames), number ? Number(number) : 1);
}

/** `base` (for 1) or `base n`, the first from `from` on that is not taken. */
function firstFree(base: string, taken: Set<string>, from: number): string {
  const named = (n: number) => (n === 1 ? base : `${base} ${n}`);
  for (let n = from; ; n += 1) if (!taken.has(named(n))) return named(n);
}

/**
 * Polls `check` until it answers something truthy and returns that; past `timeoutMs` it throws naming `what` (a
 * function is asked then, so it can tell what it saw last). Tests wait for a state with this, never for a fixed time.
 * The default stays under the suite's 20 s test timeout so a wait that fails says what it waited for.
 */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string | (() => string),
  { timeoutMs = 15_000, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

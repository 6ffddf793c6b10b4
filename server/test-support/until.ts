/**
 * Polls `check` until it answers something truthy and returns that; past `timeoutMs` it throws naming `what` (a
 * function is asked then, so it can tell what it saw last). Tests wait for a state with this, never for a fixed time.
 * The default is the suite's test timeout (20 s): the longest the copies it replaced waited, and a PTY flood on a
 * loaded 2-core machine needed more than 15 s.
 */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string | (() => string),
  { timeoutMs = 20_000, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

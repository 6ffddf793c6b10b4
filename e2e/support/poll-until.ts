/** Reads until `test` passes (every 250 ms), answering the value; past `timeoutMs` throws naming `what` and the last value. */
export async function pollUntil<T>(read: () => Promise<T>, test: (value: T) => boolean, what: string, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (test(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

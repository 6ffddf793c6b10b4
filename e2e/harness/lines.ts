/** Calls `onLine` for every complete line of a byte stream (and the unterminated tail at the end). */
export async function readLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
  }
  if (buffer) onLine(buffer);
}

/**
 * Resolves when `check` returns a value other than undefined; polls every 20 ms; rejects after `timeoutMs`. `what`
 * may be a function, read at the deadline, so the error describes the state the wait gave up in.
 */
export async function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string | (() => string)): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "function" ? what() : what}`);
    await Bun.sleep(20);
  }
}

import type { RecordedRequest } from "./types.ts";

const texts = new WeakMap<RecordedRequest, string>();

/**
 * A recorded request's body as JSON text (`JSON.stringify(body)`, `"null"` for none), serialised once. Tests poll for
 * words in the requests (`expect.poll(() => api.requests.some((r) => requestText(r).includes(…)))`), and a Claude Code
 * request is 50–100 KB: serialising every request again at each 50 ms poll held the test's thread (the fake API's
 * too) ~50–100 ms at a time once a file had made a few dozen requests. A body is never changed once recorded.
 */
export function requestText(request: RecordedRequest): string {
  let text = texts.get(request);
  if (text === undefined) {
    text = JSON.stringify(request.body ?? null);
    texts.set(request, text);
  }
  return text;
}

import { readConversation } from "./conversation.ts";
import type { ApiRequestBody, RecordedRequest } from "./types.ts";

/** The words the host typed last in a request (what a reader of a failure looks for first), shortened. */
function lastHostText(body: unknown): string {
  if (!body || typeof body !== "object" || !("messages" in body)) return "";
  const text = readConversation(body as ApiRequestBody).hostTexts.at(-1) ?? "";
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** One request as a line: when, what, how it was answered, and the host's last words. */
export function describeRequest(request: RecordedRequest): string {
  const time = new Date(request.at).toISOString().slice(11, 23);
  const decided = request.script === undefined ? [] : [`script ${request.script} step ${request.step}`, `reply ${request.reply}`];
  const streamed = request.deltasSent === undefined ? [] : [`${request.deltasSent} deltas sent`];
  const host = lastHostText(request.body);
  return [`${time} ${request.method} ${request.path} → ${request.status}`, ...decided, ...streamed, ...(host ? [`host: "${host}"`] : [])].join(" · ");
}

/**
 * The last `count` requests the fake received, oldest first, for a failed test's artifact: whether the CLI asked at
 * all, with which prompt, and what the fake answered is most of what explains a turn that never came.
 */
export function describeRecentRequests(requests: readonly RecordedRequest[], count = 20): string {
  if (requests.length === 0) return "(no request yet)";
  const skipped = requests.length > count ? [`(${requests.length - count} earlier requests left out)`] : [];
  return [...skipped, ...requests.slice(-count).map(describeRequest)].join("\n");
}

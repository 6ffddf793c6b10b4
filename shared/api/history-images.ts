import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";

/**
 * Claude's API takes at most 100 images in one request ("Vision": up to 100 per API request), and Claude Code sends
 * every image of the conversation's history with each request until it is compacted (ADR 0093): past this many, every
 * later message would be refused.
 */
export const MAX_HISTORY_IMAGES = 100;
/** Claude's API refuses a request over 32 MB (413 `request_too_large`; "Request size limits"). */
export const MAX_REQUEST_BASE64_CHARS = 32 * 1000 * 1000;

/** What the translator says of the CLI's `compact_boundary`: the history after it no longer carries earlier images. */
export const CONVERSATION_COMPACTED_NOTICE = "The conversation was compacted.";

/** The images a conversation's Claude history carries since it was last compacted, as ChatML stored them. */
export const HistoryImages = lazySchema(() => z.object({ count: z.number().int().min(0), base64Chars: z.number().int().min(0) }));
export type HistoryImages = z.infer<typeof HistoryImages>;

const megabytes = (chars: number) => `${(chars / 1000 / 1000).toFixed(1)} MB`;
const WAY_OUT = "Send /compact first (Claude Code sums the conversation up without its images), or start a new conversation for them.";

/**
 * What attaching `images` would do to a history that carries `history`: why they cannot be sent, or a warning; the
 * composer says it as they are attached, the server again on send. `queuedAhead` are the images of messages queued
 * before these (ADR 0025): they reach the history first.
 */
export function addedImagesCheck(history: HistoryImages, images: readonly { data: string }[], queuedAhead: readonly { data: string }[] = []): { refusal: string | null; warning: string | null } {
  const base64Of = (list: readonly { data: string }[]) => list.reduce((sum, image) => sum + image.data.length, 0);
  const carried = { count: history.count + queuedAhead.length, base64Chars: history.base64Chars + base64Of(queuedAhead) };
  return { refusal: historyImagesRefusal(carried, images.length, queuedAhead.length), warning: historyImagesWarning(carried, base64Of(images)) };
}

/** Why `adding` more images cannot be sent in this conversation (the API's count), or null when they can. */
function historyImagesRefusal(history: HistoryImages, adding: number, queued: number): string | null {
  if (adding === 0 || history.count + adding <= MAX_HISTORY_IMAGES) return null;
  const queuedNote = queued > 0 ? ` (${queued} of them in messages queued before this one)` : "";
  return `This conversation already carries ${history.count} image${history.count === 1 ? "" : "s"}${queuedNote}, and Claude Code sends them all again with every message: with ${adding} more, Claude's API (at most ${MAX_HISTORY_IMAGES} images a request) would refuse this message and every later one. ${WAY_OUT}`;
}

/**
 * A warning when the history's images, as attached, come near what one request carries. Claude Code re-encodes a large
 * image smaller before sending it (a 3.5 MB PNG went as a 0.5 MB JPEG), so the request may well fit: a warning, not a
 * refusal. Null below the limit.
 */
function historyImagesWarning(history: HistoryImages, addingBase64Chars: number): string | null {
  const total = history.base64Chars + addingBase64Chars;
  if (addingBase64Chars === 0 || total <= MAX_REQUEST_BASE64_CHARS) return null;
  return `With these, this conversation's images come to ${megabytes(total)} as attached, and every message sends them all again: Claude's API refuses a request over 32 MB. Claude Code sends large images smaller, so it may fit; if Claude answers “Request too large”, send /compact or start a new conversation.`;
}

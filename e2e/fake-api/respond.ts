import { blockEvents, finalBlock, messageEnd, messageStart, randomHex, sseLine, usageFor } from "./encode.ts";
import type { SseEvent } from "./encode.ts";
import type { FakeReply } from "./types.ts";

type MessageReply = Extract<FakeReply, { kind: "message" }>;
type StreamErrorReply = Extract<FakeReply, { kind: "stream-error" }>;

/** How a reply is turned into HTTP: request size (for usage), model, and whether to stream. */
export interface ReplyContext {
  model: string;
  inputChars: number;
  stream: boolean;
  /** Called as each content delta of a streamed reply is handed to the connection (tests wait on it instead of a delay). */
  onDeltaSent?: () => void;
  /** A gate for a reply that holds (`holdAfterDeltas`): it opens when the test releases held streams. */
  holdGate?: () => Promise<void>;
  /** Called with true as a streamed reply starts waiting at its hold, and with false as it goes on. */
  onHold?: (isHeld: boolean) => void;
}

/** How a streamed reply is paced: a delay before each content delta, and where it waits for the test. */
type Pacing = { delayMs: number; hold?: { afterDeltas: number; released: Promise<void> }; onDeltaSent?: () => void; onHold?: (isHeld: boolean) => void };

function headers(extra: Record<string, string>): Record<string, string> {
  return { "request-id": `req_fake${randomHex(12)}`, ...extra };
}

/** An Anthropic-shaped JSON error response. */
export function errorResponse(status: number, errorType: string, message: string, extra: Record<string, string> = {}): Response {
  const body = { type: "error", error: { type: errorType, message } };
  return Response.json(body, { status, headers: headers(extra) });
}

function plannedEvents(reply: MessageReply | StreamErrorReply, ctx: ReplyContext): SseEvent[] {
  const blocks = reply.blocks.map(finalBlock);
  const usage = usageFor(ctx.inputChars, blocks);
  const body = blocks.flatMap((b, i) => blockEvents(b, i, b.type === "text" && reply.kind === "message" ? reply.textChunks : undefined));
  const start = messageStart(`msg_fake${randomHex(12)}`, ctx.model, usage.input_tokens, reply.kind === "message" && reply.warmCache === true);
  if (reply.kind === "stream-error") {
    // Complete blocks, then the error instead of message_delta: the CLI keeps the blocks (2.1.330 resumes).
    const error = { event: "error", data: { type: "error", error: { type: reply.errorType, message: reply.message } } };
    return [start, ...body, error];
  }
  const stopReason = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  return [start, ...body, ...messageEnd(stopReason, usage.output_tokens)];
}

function sseStream(events: SseEvent[], { delayMs, hold, onDeltaSent, onHold }: Pacing): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  let deltas = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const ev = events[index++];
      if (!ev) return controller.close();
      const isDelta = ev.event === "content_block_delta";
      if (isDelta && deltas === hold?.afterDeltas) {
        onHold?.(true);
        await hold.released;
        onHold?.(false);
      }
      if (delayMs > 0 && isDelta) await Bun.sleep(delayMs);
      controller.enqueue(encoder.encode(sseLine(ev)));
      if (isDelta) {
        deltas++;
        onDeltaSent?.();
      }
    },
    cancel() {
      index = events.length;
    },
  });
}

function jsonMessage(reply: MessageReply, ctx: ReplyContext): Response {
  const content = reply.blocks.map(finalBlock);
  const usage = usageFor(ctx.inputChars, content);
  const stop_reason = content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  const message = { id: `msg_fake${randomHex(12)}`, type: "message", role: "assistant", model: ctx.model, content, stop_reason, stop_sequence: null, usage };
  return Response.json(message, { headers: headers({}) });
}

function messagePacing(reply: MessageReply, ctx: ReplyContext): Pacing {
  // The gate is taken as the reply is asked for: a release from then on lets it past its hold.
  const released = reply.holdAfterDeltas === undefined ? undefined : ctx.holdGate?.();
  const hold = reply.holdAfterDeltas !== undefined && released ? { afterDeltas: reply.holdAfterDeltas, released } : undefined;
  return { delayMs: reply.chunkDelayMs ?? 0, hold, onDeltaSent: ctx.onDeltaSent, onHold: ctx.onHold };
}

/** Turns a scripted reply into the HTTP response for a POST /v1/messages. */
export function replyResponse(reply: FakeReply, ctx: ReplyContext): Response {
  if (reply.kind === "error") return errorResponse(reply.status, reply.errorType, reply.message, reply.headers);
  if (!ctx.stream) {
    return reply.kind === "message" ? jsonMessage(reply, ctx) : errorResponse(529, reply.errorType, reply.message);
  }
  const pacing = reply.kind === "message" ? messagePacing(reply, ctx) : { delayMs: 5, onDeltaSent: ctx.onDeltaSent };
  const sseHeaders = headers({ "content-type": "text/event-stream", "cache-control": "no-cache" });
  return new Response(sseStream(plannedEvents(reply, ctx), pacing), { headers: sseHeaders });
}

/** Short summary of a reply for the request log, e.g. `text,tool_use:Bash` or `error`. */
export function describeReply(reply: FakeReply): string {
  if (reply.kind === "error") return "error";
  const parts = reply.blocks.map((b) => (b.type === "tool_use" ? `tool_use:${b.name}` : b.type));
  return reply.kind === "stream-error" ? `${parts.join(",")},stream-error` : parts.join(",");
}

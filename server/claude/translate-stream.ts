import type { DomainEvent, EphemeralEvent } from "../../shared/protocol/events.ts";
import type { StreamState } from "../../shared/protocol/model.ts";
import type { CliStreamEvent } from "./cli-schemas.ts";
import { modelName, newMessage } from "./translate-assistant.ts";
import { type InFlightPart, partIdAt, type TranslateContext } from "./translate-state.ts";
import { partAppended } from "./translate-checkpoint.ts";

type SseEvent = CliStreamEvent["event"];

/**
 * `stream_event` (only with --include-partial-messages): `message_start` announces the message (durable),
 * block starts and deltas become ephemeral `message.part.delta`s. The complete `assistant` line for each
 * block carries the durable part; 2.1.119 has no `api_message_id`, so the current stream per thread is tracked.
 */
export function translateStreamEvent(msg: CliStreamEvent, ctx: TranslateContext): DomainEvent[] {
  const thread = msg.parent_tool_use_id ?? "";
  const event = msg.event;
  if (event.type === "message_start") return messageStart(msg, thread, ctx);
  const apiId = msg.api_message_id ?? ctx.streams.get(thread);
  if (!apiId) return [];
  switch (event.type) {
    case "content_block_start":
      return blockStart(event, apiId, ctx);
    case "content_block_delta":
      return blockDelta(event, apiId, ctx);
    case "content_block_stop":
      return settleInFlight(ctx, (p) => p.apiMessageId === apiId && p.index === event.index);
    case "message_delta":
      return messageDelta(event, thread);
    case "message_stop": {
      // Blocks abandoned by an interrupt may never get an `assistant` line; keep what the user already saw.
      const settled = settleInFlight(ctx, (p) => p.apiMessageId === apiId);
      ctx.messages.get(apiId)?.settled.clear();
      if (ctx.streams.get(thread) === apiId) ctx.streams.delete(thread);
      return settled;
    }
    default:
      return [];
  }
}

/** Partial parts as `isReset` deltas (whole text so far), for a socket that joins mid-stream. */
export function inFlightSnapshot(ctx: TranslateContext): EphemeralEvent[] {
  return [...ctx.inFlight.values()].map((p) => delta(p, p.text, true));
}

/**
 * Ends partial parts matching `which` (block finished, message stopped, turn over, process gone). A part whose
 * complete `assistant` line never came keeps the text streamed so far as a durable update, so what a browser
 * showed survives a reload; partial tool input is dropped (the call never ran).
 */
export function settleInFlight(ctx: TranslateContext, which: (part: InFlightPart) => boolean, streamState?: StreamState): DomainEvent[] {
  const settled: DomainEvent[] = [];
  for (const [id, part] of ctx.inFlight) {
    if (!which(part)) continue;
    ctx.inFlight.delete(id);
    if (part.kind === "tool" || part.text === "") continue;
    if (!streamState) ctx.messages.get(part.apiMessageId)?.settled.set(part.index, part.text);
    // After a checkpoint, only the text streamed since then is stored (ADR 0041).
    settled.push(part.checkpointedLength > 0 ? partAppended(part, part.text, part.checkpointedLength, streamState) : partSnapshot(part, streamState));
  }
  return settled;
}

/**
 * Durable checkpoints of the text and thinking parts still streaming whose text grew since their last checkpoint:
 * the text added since, marked `streaming` (ADR 0041: the work and bytes of a checkpoint do not grow with the answer),
 * so a crash of ChatML loses at most what arrived since. The parts stay in flight.
 */
export function checkpointInFlight(ctx: TranslateContext): DomainEvent[] {
  const snapshots: DomainEvent[] = [];
  for (const part of ctx.inFlight.values()) {
    if (part.kind === "tool" || part.text.length === part.checkpointedLength) continue;
    const offset = part.checkpointedLength;
    part.checkpointedLength = part.text.length;
    snapshots.push(partAppended(part, part.text, offset, "streaming"));
  }
  return snapshots;
}

/** True while a text or thinking part is streaming (something a checkpoint could keep). */
export function hasInFlightText(ctx: TranslateContext): boolean {
  for (const part of ctx.inFlight.values()) if (part.kind !== "tool") return true;
  return false;
}

function partSnapshot(part: InFlightPart, streamState: StreamState | undefined): DomainEvent {
  const kind = part.kind === "thinking" ? "thinking" : "text";
  const snapshot = { id: part.partId, kind, text: part.text, ...(streamState ? { streamState } : {}) } as const;
  return { type: "message.part.updated", messageId: part.messageId, part: snapshot };
}

function messageStart(msg: CliStreamEvent, thread: string, ctx: TranslateContext): DomainEvent[] {
  const apiId = msg.event.message?.id ?? msg.api_message_id;
  if (!apiId) return [];
  ctx.streams.set(thread, apiId);
  if (ctx.messages.has(apiId)) return [];
  const parent = msg.parent_tool_use_id ?? null;
  const model = modelName(msg.event.message?.model);
  const state = newMessage(ctx, apiId, parent, model);
  const message = {
    id: state.id,
    role: "assistant" as const,
    parentToolUseId: parent,
    model,
    createdAt: ctx.now(),
    parts: [],
  };
  return [{ type: "message.created", message }];
}

function blockStart(event: SseEvent, apiId: string, ctx: TranslateContext): DomainEvent[] {
  const state = ctx.messages.get(apiId);
  const block = event.content_block;
  if (!state || event.index === undefined || !block) return [];
  const kind = block.type === "text" ? "text" : block.type === "thinking" ? "thinking" : isToolBlock(block.type) ? "tool" : null;
  if (!kind) return [];
  const initial = kind === "text" ? block["text"] : kind === "thinking" ? block["thinking"] : "";
  const part: InFlightPart = {
    messageId: state.id,
    apiMessageId: apiId,
    index: event.index,
    partId: partIdAt(ctx, state, event.index),
    kind,
    toolName: kind === "tool" && typeof block["name"] === "string" ? block["name"] : null,
    text: typeof initial === "string" ? initial : "",
    checkpointedLength: 0,
  };
  ctx.inFlight.set(part.partId, part);
  // Sent even when empty: the UI learns early that a part (e.g. a Bash call) has started.
  return [delta(part, part.text, false)];
}

function blockDelta(event: SseEvent, apiId: string, ctx: TranslateContext): DomainEvent[] {
  const partId = event.index === undefined ? undefined : ctx.messages.get(apiId)?.partIds.get(event.index);
  const part = partId ? ctx.inFlight.get(partId) : undefined;
  const d = event.delta;
  if (!part || !d) return [];
  // signature_delta, citations_delta and unknown deltas carry nothing we show.
  const text = d.type === "text_delta" ? d.text : d.type === "thinking_delta" ? d.thinking : d.type === "input_json_delta" ? d.partial_json : null;
  if (typeof text !== "string" || text === "") return [];
  part.text += text;
  return [delta(part, text, false)];
}

function messageDelta(event: SseEvent, thread: string): DomainEvent[] {
  const tokens = event.usage?.output_tokens;
  // Sub-agent streams have their own counts; the turn's progress is the main thread's.
  if (thread !== "" || typeof tokens !== "number") return [];
  return [{ type: "turn.progressed", outputTokens: tokens }];
}

function isToolBlock(type: string): boolean {
  return type === "tool_use" || type === "server_tool_use" || type === "mcp_tool_use";
}

function delta(part: InFlightPart, text: string, isReset: boolean): EphemeralEvent {
  return {
    type: "message.part.delta",
    messageId: part.messageId,
    partId: part.partId,
    partKind: part.kind,
    toolName: part.toolName,
    delta: text,
    isReset,
  };
}

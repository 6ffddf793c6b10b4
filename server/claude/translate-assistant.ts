import type { PartId } from "../../shared/ids.ts";
import type { DomainEvent } from "../../shared/protocol/events.ts";
import type { Part } from "../../shared/protocol/model.ts";
import { type CliAssistant, CliTextBlock, CliThinkingBlock, CliToolUseBlock } from "./cli-schemas.ts";
import { type MessageState, partIdAt, type TranslateContext } from "./translate-state.ts";
import { appendedEnd } from "./translate-checkpoint.ts";

/** The CLI's model name; its placeholder for locally made error messages is not a model. */
export function modelName(model: string | null | undefined): string | null {
  return model && model !== "<synthetic>" ? model : null;
}

/**
 * Registers a new API message; the caller emits `message.created`. `model` is null for a message the CLI made itself
 * (`<synthetic>`): only one with a model was a request to the model, and counts as one of the turn's model turns.
 */
export function newMessage(ctx: TranslateContext, apiId: string, parentToolUseId: string | null, model: string | null): MessageState {
  const state: MessageState = { id: ctx.ids.messageId(), parentToolUseId, blockCount: 0, partIds: new Map(), settled: new Map() };
  ctx.messages.set(apiId, state);
  if (parentToolUseId === null) ctx.hasAnswerThisTurn = true;
  if (parentToolUseId === null && model !== null) ctx.modelTurnsThisTurn++;
  return state;
}

/**
 * One `assistant` line: usually one content block of an API message (several lines share `message.id`).
 * The first line of an unknown message creates it (no stream events, e.g. foreground sub-agents); later
 * blocks, and blocks of a message announced by `message_start`, become `message.part.updated`.
 */
export function translateAssistant(msg: CliAssistant, ctx: TranslateContext): DomainEvent[] {
  const apiId = msg.message.id;
  const parent = msg.parent_tool_use_id ?? null;
  const known = ctx.messages.get(apiId);
  const state = known ?? newMessage(ctx, apiId, parent, modelName(msg.message.model));
  const parts: Part[] = [];
  const updates: DomainEvent[] = [];
  for (const raw of msg.message.content) {
    // Blocks arrive in order, one per line, so a running count gives the stream's block index.
    const index = state.blockCount++;
    const partId = partIdAt(ctx, state, index);
    const streamed = ctx.inFlight.get(partId);
    ctx.inFlight.delete(partId);
    const part = toPart(raw, partId, state, ctx);
    if (!part || isAlreadySettled(state, index, part)) continue;
    parts.push(part);
    // A block checkpointed while it streamed stores only its text after the checkpoints (ADR 0041).
    const end = streamed && (part.kind === "text" || part.kind === "thinking") && part.kind === streamed.kind ? appendedEnd(streamed, part.text) : null;
    updates.push(end ?? { type: "message.part.updated", messageId: state.id, part });
  }
  if (known) return updates;
  const message = {
    id: state.id,
    role: "assistant" as const,
    parentToolUseId: parent,
    model: modelName(msg.message.model),
    createdAt: ctx.now(),
    parts,
  };
  return [{ type: "message.created", message }];
}

/** True when the block's stop already committed exactly this text (the usual case for a late `assistant` line). */
function isAlreadySettled(state: MessageState, index: number, part: Part): boolean {
  const settled = state.settled.get(index);
  state.settled.delete(index);
  return settled !== undefined && (part.kind === "text" || part.kind === "thinking") && part.text === settled;
}

/** A content block → our part; block kinds we do not show (redacted thinking, images…) give null. */
function toPart(raw: unknown, id: PartId, state: MessageState, ctx: TranslateContext): Part | null {
  const text = CliTextBlock.safeParse(raw);
  if (text.success) return { id, kind: "text", text: text.data.text };
  const thinking = CliThinkingBlock.safeParse(raw);
  if (thinking.success) return { id, kind: "thinking", text: thinking.data.thinking };
  const tool = CliToolUseBlock.safeParse(raw);
  if (!tool.success) return null;
  const part = {
    id,
    kind: "tool" as const,
    toolUseId: tool.data.id,
    name: tool.data.name,
    input: tool.data.input ?? {},
    status: "running" as const,
    result: null,
    startedAt: ctx.now(),
    endedAt: null,
  };
  ctx.tools.set(tool.data.id, { messageId: state.id, parentToolUseId: state.parentToolUseId, part });
  return part;
}

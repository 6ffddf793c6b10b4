import type { DomainEvent } from "../../shared/protocol/events.ts";
import type { StreamState } from "../../shared/protocol/model.ts";
import type { InFlightPart } from "./translate-state.ts";

/**
 * The end of a checkpointed part as the text after what its checkpoints stored; null when `text` does not continue
 * that stored text (the complete block differs from what streamed), which then needs the whole part.
 */
export function appendedEnd(part: InFlightPart, text: string): DomainEvent | null {
  if (part.kind === "tool" || part.checkpointedLength === 0) return null;
  const stored = part.text.slice(0, part.checkpointedLength);
  return text.length >= stored.length && text.startsWith(stored) ? partAppended(part, text, part.checkpointedLength, undefined) : null;
}

/** The text of `part` from `offset` on, as an append to what its checkpoints stored. */
export function partAppended(part: InFlightPart, text: string, offset: number, streamState: StreamState | undefined): DomainEvent {
  const kind = part.kind === "thinking" ? "thinking" : "text";
  const tail = text.slice(offset);
  return { type: "message.part.appended", messageId: part.messageId, partId: part.partId, kind, offset, text: tail, ...(streamState ? { streamState } : {}) };
}

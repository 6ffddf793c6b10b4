import type { EphemeralEvent, PartId } from "../../../shared/index.ts";
import { appendToLog } from "../lib/text-log.ts";
import {
  placeholderMessage,
  putMessage,
  upsertPart,
  type ConversationView,
  type ViewPart,
} from "./conversation-view.ts";

type DeltaEvent = Extract<EphemeralEvent, { type: "message.part.delta" }>;

/**
 * Applies one ephemeral event. Pure. A delta for a message or part not seen yet creates a streaming placeholder;
 * `isReset` replaces the text so far instead of appending. The next `message.part.updated` carries the truth.
 */
export function applyDelta(state: ConversationView, event: EphemeralEvent): ConversationView {
  switch (event.type) {
    case "message.part.delta":
      return onPartDelta(state, event);
    case "tool.progressed":
      if (event.elapsedSeconds === null) return state;
      return { ...state, toolElapsed: { ...state.toolElapsed, [event.toolUseId]: event.elapsedSeconds } };
    case "turn.progressed":
      return { ...state, outputTokens: event.outputTokens };
    case "prompt.suggested":
      return { ...state, promptSuggestion: event.suggestion };
    case "message.lifecycle": {
      const was = state.promptStates[event.messageId];
      const hasStarted = event.state !== "queued" && (event.state !== "cancelled" || (was?.hasStarted ?? false));
      return { ...state, promptStates: { ...state.promptStates, [event.messageId]: { state: event.state, hasStarted } } };
    }
  }
}

function onPartDelta(state: ConversationView, event: DeltaEvent): ConversationView {
  const message = state.messages[event.messageId] ?? placeholderMessage(event.messageId);
  const existing = message.parts.find((p) => p.id === event.partId);
  // A finished part is the truth; a late delta must not reopen it.
  if (existing && !existing.isStreaming) return state;
  const part = existing ?? newStreamingPart(event);
  return putMessage(state, upsertPart(message, withDelta(part, event.delta, event.isReset)));
}

function newStreamingPart(event: DeltaEvent): ViewPart {
  const id: PartId = event.partId;
  if (event.partKind === "tool") {
    return {
      id,
      kind: "tool",
      toolUseId: "",
      name: event.toolName ?? "tool",
      input: null,
      status: "running",
      result: null,
      startedAt: Date.now(),
      endedAt: null,
      isStreaming: true,
      inputDraft: "",
    };
  }
  return { id, kind: event.partKind, text: "", isStreaming: true };
}

function withDelta(part: ViewPart, delta: string, isReset: boolean): ViewPart {
  if (part.kind === "tool") return { ...part, inputDraft: isReset ? delta : part.inputDraft + delta };
  if (part.kind === "image") return part;
  if (isReset) return { ...part, text: delta, textLog: appendToLog(null, delta) };
  // The log holds the whole text: a part that has text but no log yet starts its log with that text.
  const log = part.textLog ?? (part.text === "" ? null : appendToLog(null, part.text));
  return { ...part, text: part.text + delta, textLog: appendToLog(log, delta) };
}

import type { DurableEvent, Message, SequencedEvent } from "../../../shared/index.ts";
import {
  placeholderMessage,
  putMessage,
  toViewPart,
  upsertPart,
  type ConversationView,
  type ViewMessage,
} from "./conversation-view.ts";

type EventOf<T extends DurableEvent["type"]> = Extract<DurableEvent, { type: T }>;

/**
 * Applies one durable event to a conversation view. Pure; an event at or below `lastSeq` returns the same state,
 * so a replay after reconnect is harmless.
 * @example view = applyEvent(view, { seq: 1, at: Date.now(), event: { type: "notice", level: "info", text: "hi" } })
 */
export function applyEvent(state: ConversationView, sequenced: SequencedEvent): ConversationView {
  if (sequenced.seq <= state.lastSeq) return state;
  const next = reduce(state, sequenced.event, sequenced.seq, sequenced.at);
  return { ...next, lastSeq: sequenced.seq };
}

function reduce(state: ConversationView, event: DurableEvent, seq: number, at: number): ConversationView {
  switch (event.type) {
    case "conversation.status.changed":
      return {
        ...state,
        status: event.status,
        statusReason: event.reason,
        apiRetry: event.status === "running" ? state.apiRetry : null,
      };
    case "cli.session.updated": {
      const { type: _type, ...info } = event;
      return { ...state, cliSession: info };
    }
    case "cli.capabilities.listed": {
      const { type: _type, ...caps } = event;
      return { ...state, capabilities: caps };
    }
    case "cli.status.changed":
      return { ...state, cliStatus: event.status, permissionMode: event.permissionMode ?? state.permissionMode };
    case "message.created": {
      const next = putMessage(state, mergeCreated(state.messages[event.message.id], event.message));
      const isPrompt = event.message.role === "user" && event.message.parentToolUseId === null && event.message.parts.some((p) => p.kind !== "tool");
      // A new prompt ends the suggestion on offer (whoever sent it, on whichever device), and the notes of requests
      // decided elsewhere: the conversation has moved on from them.
      return isPrompt ? { ...next, turnStartedAt: at, promptAt: at, promptSuggestion: null, decidedPermissions: [] } : next;
    }
    case "message.part.updated":
      return onPartUpdated(state, event);
    case "message.part.appended":
      return onPartAppended(state, event);
    case "permission.requested":
      if (state.pendingPermissions.some((p) => p.id === event.request.id)) return state;
      // A new request takes the place of the notes about earlier ones, which would sit between it and its tool.
      return { ...state, pendingPermissions: [...state.pendingPermissions, event.request], decidedPermissions: [] };
    case "permission.resolved":
      return onPermissionResolved(state, event, at);
    case "turn.completed":
      return onTurnCompleted(state, event, seq, at);
    case "api.retrying": {
      const { type: _type, ...retry } = event;
      return { ...state, apiRetry: { ...retry, at }, lastApiRetry: { ...retry, at } };
    }
    case "rate_limit.updated": {
      const { type: _type, ...limit } = event;
      return { ...state, rateLimit: { ...limit, at } };
    }
    case "task.updated": {
      const { type: _type, ...task } = event;
      return { ...state, tasks: { ...state.tasks, [task.toolUseId ?? task.taskId]: task } };
    }
    case "context.usage.updated":
      return { ...state, contextUsage: { usage: event.usage, unavailableReason: event.unavailableReason, at } };
    case "process.exited":
      return onProcessExited(state, event, seq, at);
    case "notice": {
      const { type: _type, ...notice } = event;
      return { ...state, items: [...state.items, { kind: "notice", seq, notice: { ...notice, at } }] };
    }
  }
}

/** The created message wins, but parts still streaming in (not yet in the event) are kept after its own parts. */
function mergeCreated(existing: ViewMessage | undefined, message: Message): ViewMessage {
  const parts = message.parts.map(toViewPart);
  const extra = existing ? existing.parts.filter((p) => !parts.some((q) => q.id === p.id)) : [];
  return { ...message, parts: [...parts, ...extra], isPlaceholder: false };
}

function onPartUpdated(state: ConversationView, event: EventOf<"message.part.updated">): ConversationView {
  const message = state.messages[event.messageId] ?? placeholderMessage(event.messageId);
  return putMessage(state, upsertPart(message, toViewPart(event.part)));
}

/**
 * A checkpoint's new text (ADR 0041). A page that streamed the part already shows exactly this text from its deltas:
 * a streaming checkpoint then changes nothing; otherwise the part's text up to `offset` is followed by the new text.
 */
function onPartAppended(state: ConversationView, event: EventOf<"message.part.appended">): ConversationView {
  const message = state.messages[event.messageId] ?? placeholderMessage(event.messageId);
  const existing = message.parts.find((p) => p.id === event.partId);
  const shown = existing && existing.kind === event.kind ? existing : undefined;
  if (shown?.isStreaming && event.streamState === "streaming" && shown.text.length === event.offset + event.text.length) return state;
  const text = (shown?.text ?? "").slice(0, event.offset) + event.text;
  const part = { id: event.partId, kind: event.kind, text, ...(event.streamState ? { streamState: event.streamState } : {}) };
  return putMessage(state, upsertPart(message, toViewPart(part)));
}

function onTurnCompleted(
  state: ConversationView,
  event: EventOf<"turn.completed">,
  seq: number,
  at: number,
): ConversationView {
  const { type: _type, ...result } = event;
  const turn = { ...result, at };
  return {
    ...stopStreaming(state),
    lastTurn: turn,
    apiRetry: null,
    outputTokens: null,
    toolElapsed: {},
    turnStartedAt: null,
    items: [...state.items, { kind: "turn", seq, turn }],
  };
}

function onProcessExited(
  state: ConversationView,
  event: EventOf<"process.exited">,
  seq: number,
  at: number,
): ConversationView {
  const { type: _type, ...info } = event;
  const exit = { ...info, at };
  return {
    ...stopStreaming(state),
    lastExit: exit,
    // A dead process cannot take an answer any more.
    pendingPermissions: [],
    apiRetry: null,
    cliStatus: null,
    outputTokens: null,
    items: [...state.items, { kind: "exit", seq, exit }],
  };
}

/** Marks every streaming placeholder part as finished (the turn is over; no more deltas will come). */
function stopStreaming(state: ConversationView): ConversationView {
  let messages = state.messages;
  for (const [id, message] of Object.entries(state.messages)) {
    if (!message || !message.parts.some((p) => p.isStreaming)) continue;
    const parts = message.parts.map((p) => (p.isStreaming ? { ...p, isStreaming: false } : p));
    messages = { ...messages, [id]: { ...message, parts } };
  }
  return messages === state.messages ? state : { ...state, messages };
}

/** How many decided requests a view remembers (only the latest matter to a user who was looking at them). */
const MAX_DECIDED = 5;

function onPermissionResolved(state: ConversationView, event: EventOf<"permission.resolved">, at: number): ConversationView {
  const request = state.pendingPermissions.find((p) => p.id === event.requestId);
  const pendingPermissions = state.pendingPermissions.filter((p) => p.id !== event.requestId);
  const decided = request ? { request, outcome: event.outcome, decidedBy: event.decidedBy ?? null, message: event.message } : null;
  const decidedPermissions = decided ? [...state.decidedPermissions, decided].slice(-MAX_DECIDED) : state.decidedPermissions;
  if (!request?.toolUseId || event.outcome !== "allowed") return { ...state, pendingPermissions, decidedPermissions };
  return { ...state, pendingPermissions, decidedPermissions, approvedAt: { ...state.approvedAt, [request.toolUseId]: at } };
}

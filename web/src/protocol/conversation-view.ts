import type {
  ConversationStatus,
  DurableEvent,
  Message,
  MessageId,
  Part,
  PermissionMode,
  PermissionRequest,
  ToolPart,
} from "../../../shared/index.ts";
import type { TextLog } from "../lib/text-log.ts";

/**
 * A part as the UI holds it: the durable part, or a placeholder still being streamed in by deltas. A streamed text
 * also keeps its deltas (`textLog`, the whole text), so the page reads what is new without the joined text.
 */
export type ViewPart =
  | (Exclude<Part, ToolPart> & { isStreaming: boolean; textLog?: TextLog })
  | (ToolPart & { isStreaming: boolean; inputDraft: string });

/** A message as the UI holds it; `isPlaceholder` until its `message.created` event arrives. */
export type ViewMessage = Omit<Message, "parts"> & { parts: ViewPart[]; isPlaceholder: boolean };

type EventOf<T extends DurableEvent["type"]> = Extract<DurableEvent, { type: T }>;

export type TurnResult = Omit<EventOf<"turn.completed">, "type"> & { at: number };
export type ProcessExit = Omit<EventOf<"process.exited">, "type"> & { at: number };
export type NoticeItem = Omit<EventOf<"notice">, "type"> & { at: number };
export type CliSessionInfo = Omit<EventOf<"cli.session.updated">, "type">;
export type Capabilities = Omit<EventOf<"cli.capabilities.listed">, "type">;
export type ApiRetry = Omit<EventOf<"api.retrying">, "type"> & { at: number };
export type RateLimitInfo = Omit<EventOf<"rate_limit.updated">, "type"> & { at: number };
export type ContextUsageInfo = Omit<EventOf<"context.usage.updated">, "type"> & { at: number };
export type TaskInfo = Omit<EventOf<"task.updated">, "type">;

/** One row of the timeline, in arrival order. */
export type TimelineItem =
  | { kind: "message"; id: MessageId }
  | { kind: "turn"; seq: number; turn: TurnResult }
  | { kind: "exit"; seq: number; exit: ProcessExit }
  | { kind: "notice"; seq: number; notice: NoticeItem };

/** Everything the chat screen shows for one conversation, built only by `applyEvent` / `applyDelta`. */
export interface ConversationView {
  /** Highest durable seq applied; events at or below it are ignored (replay is idempotent). */
  lastSeq: number;
  items: TimelineItem[];
  messages: Partial<Record<MessageId, ViewMessage>>;
  pendingPermissions: PermissionRequest[];
  status: ConversationStatus;
  statusReason: string | null;
  /** The CLI's own activity (`compacting`, `requesting`…) or null. */
  cliStatus: string | null;
  permissionMode: PermissionMode | null;
  lastTurn: TurnResult | null;
  lastExit: ProcessExit | null;
  cliSession: CliSessionInfo | null;
  capabilities: Capabilities | null;
  /** Set while the API is being retried; cleared by the next turn or status change. */
  apiRetry: ApiRetry | null;
  /** The last API retry, kept after the turn (its wait estimates when a rate limit resets). */
  lastApiRetry: ApiRetry | null;
  /** The account's rate limit as the CLI last reported it (subscription sign-ins only). */
  rateLimit: RateLimitInfo | null;
  /** How full the context window was after the last turn, as the CLI said (or why it could not). */
  contextUsage: ContextUsageInfo | null;
  tasks: Record<string, TaskInfo>;
  toolElapsed: Record<string, number>;
  /** When the user allowed a tool (by tool use id): its run time starts there, not when Claude asked. */
  approvedAt: Record<string, number>;
  outputTokens: number | null;
  /** Position cursor of the next older history page; null when the beginning is loaded (or nothing was paged). */
  olderCursor: number | null;
  /** The todo list's calls known from history, oldest first, for the tasks panel (loaded messages may be newer). */
  historyTodos: ToolPart[];
  /** When the running turn started (the last user message sent), for the working indicator. */
  turnStartedAt: number | null;
  /** When the newest prompt was sent (kept after its turn ends): what came before it belongs to earlier turns. */
  promptAt: number | null;
  /** Claude Code's guess at the next prompt (ephemeral), until a prompt is sent. */
  promptSuggestion: string | null;
  /** Where sent prompts are in Claude Code's own queue (2.1.330+; ephemeral), by message. */
  promptStates: Partial<Record<MessageId, PromptState>>;
  /** Requests this view showed that were then answered (possibly on another device) or withdrawn; newest last. */
  decidedPermissions: DecidedPermission[];
}

/** A prompt's state in Claude Code's queue; `hasStarted` tells an interrupted prompt from one withdrawn while queued. */
export interface PromptState {
  state: "queued" | "started" | "completed" | "cancelled";
  hasStarted: boolean;
}

/** A request that stopped waiting while shown: who decided what, so its card does not just vanish. */
export interface DecidedPermission {
  request: PermissionRequest;
  outcome: "allowed" | "denied" | "cancelled";
  decidedBy: string | null;
  message: string | null;
}

/** The view of a conversation nothing is known about yet. */
export function emptyView(): ConversationView {
  return {
    lastSeq: 0,
    items: [],
    messages: {},
    pendingPermissions: [],
    status: "idle",
    statusReason: null,
    cliStatus: null,
    permissionMode: null,
    lastTurn: null,
    lastExit: null,
    cliSession: null,
    capabilities: null,
    apiRetry: null,
    lastApiRetry: null,
    rateLimit: null,
    contextUsage: null,
    tasks: {},
    toolElapsed: {},
    approvedAt: {},
    outputTokens: null,
    promptSuggestion: null,
    promptStates: {},
    olderCursor: null,
    historyTodos: [],
    turnStartedAt: null,
    promptAt: null,
    decidedPermissions: [],
  };
}

/** Replaces (or appends) one part of a message, by id. */
export function upsertPart(message: ViewMessage, part: ViewPart): ViewMessage {
  const index = message.parts.findIndex((p) => p.id === part.id);
  const parts = index === -1 ? [...message.parts, part] : message.parts.map((p, i) => (i === index ? part : p));
  return { ...message, parts };
}

/** Adds a message to the view (and its timeline row) or replaces it. */
export function putMessage(view: ConversationView, message: ViewMessage): ConversationView {
  const isNew = view.messages[message.id] === undefined;
  return {
    ...view,
    messages: { ...view.messages, [message.id]: message },
    items: isNew ? [...view.items, { kind: "message", id: message.id }] : view.items,
  };
}

/** A message that deltas refer to before its `message.created` arrived. */
export function placeholderMessage(id: MessageId): ViewMessage {
  return { id, role: "assistant", parentToolUseId: null, model: null, createdAt: Date.now(), parts: [], isPlaceholder: true };
}

/** Turns a durable part into a view part (not streaming any more). */
export function toViewPart(part: Part): ViewPart {
  if (part.kind === "tool") return { ...part, isStreaming: false, inputDraft: "" };
  // A periodic checkpoint of a part still streaming: deltas keep extending it.
  return { ...part, isStreaming: "streamState" in part && part.streamState === "streaming" };
}

import type { HistoryPage } from "../../../shared/api/history.ts";
import type { ConversationId } from "../../../shared/ids.ts";
import type { SequencedEvent } from "../../../shared/protocol/events.ts";
import type { Conversation, Message, Part, PermissionRequest } from "../../../shared/protocol/model.ts";
import type { MessageRepo } from "../../persistence/message-repo.ts";

/** A tool result longer than this is cut in history pages; the full part is fetched on demand ("show all"). */
export const PAGE_RESULT_CHARS = 4000;
const PAGE_STRUCTURED_CHARS = 8000;
/** Rows shown between messages: they come from the event log, interleaved by time. */
const MARKER_TYPES = ["turn.completed", "process.exited", "notice"] as const;
/**
 * The conversation's current state, read as the newest event of each type instead of replaying the whole log. The
 * retry and rate-limit events are in it so a device that opens the conversation after a 429 counts down to the same
 * moment as one that watched (it fell back to a minute from the turn's end: "0:48" beside another device's "0:02").
 */
const STATE_TYPES = ["cli.session.updated", "cli.capabilities.listed", "context.usage.updated", "cli.status.changed", "conversation.status.changed", "turn.completed", "process.exited", "api.retrying", "rate_limit.updated"] as const;
/** A TodoWrite call holds a whole list; the Task tools after it change it one task at a time. */
const TODO_LIST_TOOLS = ["TodoWrite"] as const;
const TODO_STEP_TOOLS = ["TaskCreate", "TaskUpdate"] as const;

export type HistoryQueries = { messages: MessageRepo; pendingPermissions: { list(id: ConversationId): PermissionRequest[] } };

/**
 * Reads one page: messages before `before` (a position), their markers, and, for the newest page, the state a view
 * needs. Synchronous reads on the one database connection, so the page and `lastSeq` are consistent.
 */
export function historyPage(queries: HistoryQueries, conversation: Conversation, options: { before?: number; limit: number }): HistoryPage {
  const { id, lastSeq } = conversation;
  const page = queries.messages.page(id, { limit: options.limit, beforePosition: options.before });
  const isFirst = options.before === undefined;
  const fromAt = page.nextBeforePosition === null ? 0 : (page.messages[0]?.createdAt ?? 0);
  const toAt = isFirst ? Number.MAX_SAFE_INTEGER : (queries.messages.createdAtOf(id, options.before ?? 0) ?? Number.MAX_SAFE_INTEGER);
  const markers = queries.messages.events(id, { types: MARKER_TYPES, fromAt, toAt, uptoSeq: lastSeq, limit: 1000, isNewestFirst: true });
  return {
    messages: page.messages.map(trimMessage),
    nextBeforePosition: page.nextBeforePosition,
    markers,
    state: isFirst ? firstPageState(queries.messages, id, lastSeq) : [],
    todoCalls: isFirst ? queries.messages.todoCalls(id, TODO_LIST_TOOLS, TODO_STEP_TOOLS) : [],
    pendingPermissions: isFirst ? queries.pendingPermissions.list(id) : [],
    promptAt: isFirst ? queries.messages.promptAt(id) : null,
    lastSeq,
  };
}

function firstPageState(messages: MessageRepo, id: ConversationId, lastSeq: number): SequencedEvent[] {
  const latest = messages.latestEvents(id, STATE_TYPES, lastSeq);
  const tasks = messages.events(id, { types: ["task.updated"], fromAt: 0, toAt: Number.MAX_SAFE_INTEGER, uptoSeq: lastSeq, limit: 200, isNewestFirst: true });
  return [...latest, ...tasks].sort((a, b) => a.seq - b.seq);
}

function trimMessage(message: Message): Message {
  return message.parts.some(isLargeTool) ? { ...message, parts: message.parts.map(trimPart) } : message;
}

function isLargeTool(part: Part): boolean {
  if (part.kind !== "tool" || !part.result) return false;
  return part.result.text.length > PAGE_RESULT_CHARS || structuredSize(part.result.structured) > PAGE_STRUCTURED_CHARS;
}

/** Cuts a large tool result to its head; `isTruncated` tells the UI to offer "show all". */
export function trimPart(part: Part): Part {
  if (part.kind !== "tool" || !part.result || !isLargeTool(part)) return part;
  const { text, structured } = part.result;
  const keepStructured = structuredSize(structured) <= PAGE_STRUCTURED_CHARS;
  return {
    ...part,
    result: { ...part.result, text: text.slice(0, PAGE_RESULT_CHARS), isTruncated: true, ...(keepStructured ? {} : { structured: undefined }) },
  };
}

function structuredSize(value: unknown): number {
  if (value === undefined || value === null) return 0;
  try {
    return JSON.stringify(value).length;
  } catch (error) {
    console.warn("[history] unsized structured result:", error);
    return Number.MAX_SAFE_INTEGER;
  }
}

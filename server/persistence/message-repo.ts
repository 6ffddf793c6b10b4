import { MessageId, type ConversationId, type PartId } from "../../shared/ids.ts";
import type { SequencedEvent } from "../../shared/protocol/events.ts";
import { Message, Part, type ToolPart } from "../../shared/protocol/model.ts";
import type { Db } from "./db.ts";
import { payloadWithChunks } from "./part-chunks.ts";
import { decodeJson, decodeRow } from "./errors.ts";
import { eventsOfTypes, latestOfEachType, todoToolParts, messageCreatedAt, newestPromptAt, partById, type EventQuery } from "./history-queries.ts";

type MessageRow = {
  id: string;
  role: string;
  parent_tool_use_id: string | null;
  model: string | null;
  created_at: number;
  position: number;
};
type PartRow = { id: string; message_id: string; payload: string };

const COLUMNS = "id, role, parent_tool_use_id, model, created_at, position";

/** Which messages {@link MessageRepo.page} returns: the newest `limit` ones before `beforePosition`. */
export type MessagePageOptions = { limit?: number; beforePosition?: number };

/** One page of messages, oldest first, with the cursor for the next older page (null when there is none). */
export type MessagePage = { messages: Message[]; nextBeforePosition: number | null };

/** A tool call found by the CLI's tool_use id. */
export type FoundToolPart = { messageId: MessageId; part: ToolPart };

/** Reads the messages projection (messages with their parts, in conversation order). */
export class MessageRepo {
  constructor(private readonly db: Db) {}

  /** Messages oldest first; with `limit`, the newest page (before `beforePosition` when given). */
  list(conversationId: ConversationId, options: MessagePageOptions = {}): Message[] {
    return this.page(conversationId, options).messages;
  }

  /** Like {@link list}, plus the cursor to fetch the page before it. */
  page(conversationId: ConversationId, options: MessagePageOptions = {}): MessagePage {
    const rows = this.db
      .all<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE conversation_id = $conversationId AND position < $before
         ORDER BY position DESC LIMIT $limit`,
        {
          conversationId,
          before: options.beforePosition ?? Number.MAX_SAFE_INTEGER,
          limit: options.limit === undefined ? -1 : Math.max(0, Math.floor(options.limit)),
        },
      )
      .reverse();
    const oldest = rows[0];
    const newest = rows.at(-1);
    if (!oldest || !newest) return { messages: [], nextBeforePosition: null };
    const parts = this.partsBetween(conversationId, oldest.position, newest.position);
    const messages = rows.map((row) => toMessage(row, parts.get(row.id) ?? []));
    return { messages, nextBeforePosition: this.hasBefore(conversationId, oldest.position) ? oldest.position : null };
  }

  /** One message with its parts, or null. */
  get(messageId: MessageId): Message | null {
    const row = this.db.get<MessageRow & { conversation_id: ConversationId }>(
      `SELECT ${COLUMNS}, conversation_id FROM messages WHERE id = $id`,
      { id: messageId },
    );
    if (!row) return null;
    return toMessage(row, this.partsBetween(row.conversation_id, row.position, row.position).get(row.id) ?? []);
  }

  /** The tool part for the CLI's `toolUseId` (e.g. to attach a result after a restart), or null. */
  findToolPart(conversationId: ConversationId, toolUseId: string): FoundToolPart | null {
    const row = this.db.get<PartRow>(
      `SELECT id, message_id, payload FROM parts WHERE conversation_id = $conversationId AND tool_use_id = $toolUseId
       ORDER BY rowid DESC LIMIT 1`,
      { conversationId, toolUseId },
    );
    if (!row) return null;
    const part = decodeJson(Part, row.payload, `part ${row.id}`);
    if (part.kind !== "tool") return null;
    return { messageId: decodeRow(MessageId, row.message_id, `part ${row.id}`), part };
  }

  /**
   * Parts a process left unfinished: text and thinking last stored as a `streaming` checkpoint, and tool calls still
   * `running`. After a crash nothing finishes them.
   */
  unfinishedParts(conversationId: ConversationId): { messageId: MessageId; part: Part }[] {
    const rows = this.db.all<PartRow>(
      `SELECT id, message_id, ${payloadWithChunks("parts")} AS payload FROM parts WHERE conversation_id = $conversationId AND (
         (kind IN ('text', 'thinking') AND json_extract(payload, '$.streamState') = 'streaming')
         OR (kind = 'tool' AND json_extract(payload, '$.status') = 'running')
       ) ORDER BY rowid`,
      { conversationId },
    );
    return rows.map((row) => ({ messageId: decodeRow(MessageId, row.message_id, `part ${row.id}`), part: decodeJson(Part, row.payload, `part ${row.id}`) }));
  }

  /** One part of the conversation, in full (e.g. a tool output a page sent truncated), or null. */
  part(conversationId: ConversationId, partId: PartId): Part | null {
    return partById(this.db, conversationId, partId);
  }

  /** When the message at `position` was created, or null (bounds a history page's timeline markers). */
  createdAtOf(conversationId: ConversationId, position: number): number | null {
    return messageCreatedAt(this.db, conversationId, position);
  }

  /** When the newest prompt (the message that began the latest turn) was created, or null. */
  promptAt(conversationId: ConversationId): number | null {
    return newestPromptAt(this.db, conversationId);
  }

  /** Logged events of some types in a time window (turn results, exits and notices shown between messages). */
  events(conversationId: ConversationId, query: EventQuery): SequencedEvent[] {
    return eventsOfTypes(this.db, conversationId, query);
  }

  /** The newest logged event of each type, for the conversation's state without replaying its whole log. */
  latestEvents(conversationId: ConversationId, types: readonly string[], uptoSeq: number): SequencedEvent[] {
    return latestOfEachType(this.db, conversationId, types, uptoSeq);
  }

  /** The calls that make up the current todo list (the newest whole list and the step calls after it), oldest first. */
  todoCalls(conversationId: ConversationId, listTools: readonly string[], stepTools: readonly string[]): ToolPart[] {
    return todoToolParts(this.db, conversationId, listTools, stepTools);
  }

  private partsBetween(conversationId: ConversationId, from: number, to: number): Map<string, Part[]> {
    const rows = this.db.all<PartRow>(
      `SELECT p.id, p.message_id, ${payloadWithChunks("p")} AS payload FROM messages m JOIN parts p ON p.message_id = m.id
       WHERE m.conversation_id = $conversationId AND m.position BETWEEN $from AND $to
       ORDER BY m.position, p.position`,
      { conversationId, from, to },
    );
    const byMessage = new Map<string, Part[]>();
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(decodeJson(Part, row.payload, `part ${row.id}`));
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }

  /**
   * The images of the user's messages after the conversation's last compaction (the newest `compactedNotice`): how
   * many, and their base64 size as stored. The CLI sends them all again with every request (ADR 0093).
   */
  historyImages(conversationId: ConversationId, compactedNotice: string): { count: number; base64Chars: number } {
    const row = this.db.get<{ count: number; chars: number }>(
      `SELECT COUNT(*) AS count, COALESCE(SUM((b.size + 2) / 3 * 4), 0) AS chars
       FROM parts p JOIN messages m ON m.id = p.message_id JOIN blobs b ON b.id = json_extract(p.payload, '$.blobId')
       WHERE p.conversation_id = $conversationId AND p.kind = 'image' AND m.role = 'user' AND m.created_at > coalesce(
         (SELECT max(at) FROM events WHERE conversation_id = $conversationId AND type = 'notice' AND json_extract(payload, '$.text') = $compactedNotice), 0)`,
      { conversationId, compactedNotice },
    );
    return { count: row?.count ?? 0, base64Chars: row?.chars ?? 0 };
  }

  private hasBefore(conversationId: ConversationId, position: number): boolean {
    return (
      this.db.get("SELECT 1 AS one FROM messages WHERE conversation_id = $conversationId AND position < $position LIMIT 1", {
        conversationId,
        position,
      }) !== null
    );
  }
}

function toMessage(row: MessageRow, parts: Part[]): Message {
  const value = {
    id: row.id,
    role: row.role,
    parentToolUseId: row.parent_tool_use_id,
    model: row.model,
    createdAt: row.created_at,
    parts,
  };
  return decodeRow(Message, value, `message ${row.id}`);
}

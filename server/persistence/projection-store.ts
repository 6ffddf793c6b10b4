import type { ConversationId, MessageId, PermissionId } from "../../shared/ids.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import type { Message, Part, PermissionRequest } from "../../shared/protocol/model.ts";
import type { ConversationPatch } from "./conversation-patch.ts";
import type { Db } from "./db.ts";
import type { KeptRows } from "./kept-rows.ts";
import { payloadWithChunks } from "./part-chunks.ts";
import { mergePatches, type PartAppended, type ProjectionOp } from "./projection.ts";

const NEXT_MESSAGE_POSITION = "(SELECT COALESCE(MAX(position), -1) + 1 FROM messages WHERE conversation_id = $conversationId)";
const NEXT_PART_POSITION = "(SELECT COALESCE(MAX(position), -1) + 1 FROM parts WHERE message_id = $messageId)";

/**
 * Writes projection ops into messages, parts and pending_permissions. Runs inside the caller's transaction.
 * Conversation patches are not written here but folded into `patch`, so a batch updates its conversation row once.
 */
export class ProjectionStore {
  /**
   * Where each streaming part's stored text ends, as this connection's last append left it (ADR 0270): a checkpoint
   * that continues there needs no read. Kept rows of `parts` (ADR 0132), so the database forgets one on any write to
   * its row, all of them on any other write naming `parts` or a table whose deletes cascade into it, and all of them
   * when a transaction fails: memory is never ahead of the disk.
   */
  private readonly streamEnds: KeptRows<StreamEnd>;

  constructor(private readonly db: Db) {
    this.streamEnds = db.keepRows<StreamEnd>("parts", { cascadesFrom: ["messages", "conversations", "sessions", "workspaces"] });
  }

  /**
   * Applies one op of the event stored as `seq` for `conversationId`; inconsistent ops (a part of an unknown message…)
   * throw and roll back.
   */
  apply(conversationId: ConversationId, seq: number, op: ProjectionOp, patch: ConversationPatch): void {
    switch (op.op) {
      case "message.upsert":
        return this.upsertMessage(conversationId, op.message);
      case "part.upsert":
        return this.upsertPart(conversationId, op.messageId, op.part);
      case "part.append":
        return this.appendToPart(conversationId, seq, op.append);
      case "permission.open":
        return this.openPermission(conversationId, op.request);
      case "permission.close":
        return this.closePermission(conversationId, op.requestId);
      case "conversation.patch":
        mergePatches(patch, op.patch);
        return;
    }
  }

  private upsertMessage(conversationId: ConversationId, message: Message): void {
    const owner = this.messageOwner(message.id);
    if (owner !== null && owner !== conversationId) {
      throw inconsistent(`message ${message.id} belongs to conversation ${owner}`, conversationId);
    }
    const params = {
      id: message.id,
      conversationId,
      role: message.role,
      parentToolUseId: message.parentToolUseId,
      model: message.model,
      createdAt: message.createdAt,
    };
    if (owner === null) {
      this.db.run(
        `INSERT INTO messages (id, conversation_id, role, parent_tool_use_id, model, created_at, position)
         VALUES ($id, $conversationId, $role, $parentToolUseId, $model, $createdAt, ${NEXT_MESSAGE_POSITION})`,
        params,
      );
    } else {
      // Re-created (e.g. the CLI replayed it): keep its place, take the new facts.
      this.db.run(
        `UPDATE messages SET role = $role, parent_tool_use_id = $parentToolUseId, model = $model
         WHERE id = $id`,
        params,
      );
    }
    // The message is this conversation's now (checked or inserted just above): its parts need not ask again.
    for (const part of message.parts) this.writePart(conversationId, message.id, part);
  }

  private upsertPart(conversationId: ConversationId, messageId: MessageId, part: Part): void {
    const owner = this.messageOwner(messageId);
    if (owner !== conversationId) {
      throw inconsistent(`part ${part.id} names message ${messageId}, which this conversation does not have`, conversationId);
    }
    this.writePart(conversationId, messageId, part);
  }

  /** Inserts or rewrites a part of a message known to be this conversation's. */
  private writePart(conversationId: ConversationId, messageId: MessageId, part: Part): void {
    const params = {
      id: part.id,
      messageId,
      conversationId,
      kind: part.kind,
      toolUseId: part.kind === "tool" ? part.toolUseId : null,
      payload: JSON.stringify(part),
    };
    const existing = this.db.get<{ message_id: string }>("SELECT message_id FROM parts WHERE id = $id", { id: part.id });
    if (existing && existing.message_id !== messageId) {
      throw inconsistent(`part ${part.id} belongs to message ${existing.message_id}, not ${messageId}`, conversationId);
    }
    if (existing) {
      this.db.run("UPDATE parts SET kind = $kind, tool_use_id = $toolUseId, payload = $payload WHERE id = $id", params);
      // The whole part is in its row now: what its checkpoints kept beside it is part of that text or replaced by it.
      if (part.kind === "text" || part.kind === "thinking") this.db.run("DELETE FROM part_chunks WHERE part_id = $id", { id: part.id });
    } else {
      this.db.run(
        `INSERT INTO parts (id, message_id, conversation_id, position, kind, tool_use_id, payload)
         VALUES ($id, $messageId, $conversationId, ${NEXT_PART_POSITION}, $kind, $toolUseId, $payload)`,
        params,
      );
    }
  }

  /**
   * A checkpoint's new text (ADR 0041), the event stored as `seq`. When the append continues exactly where the stored
   * text ends, or starts a part not stored yet (its row then holds no text), only a chunk naming the event is written
   * (ADR 0282: the event carries the text, so it is stored once); the part's end or interruption then changes only the
   * row's state. Any other append takes the stored text up to `offset`, then the new text, into the row (the chunks go);
   * an offset past the stored text keeps all of it, so nothing stored is lost.
   */
  private appendToPart(conversationId: ConversationId, seq: number, append: PartAppended): void {
    const { partId: id, messageId, kind, offset, text } = append;
    let end = this.streamEnds.peek(id) ?? this.readStreamEnd(id);
    let start = offset;
    if (!end || end.messageId !== messageId || end.kind !== kind || end.end !== offset) {
      const stored = this.db.get<{ payload: string }>(`SELECT ${payloadWithChunks("parts")} AS payload, kind FROM parts WHERE id = $id AND kind = $kind`, { id, kind });
      if (stored) {
        const joined = textOf(stored.payload).slice(0, offset) + text;
        this.upsertPart(conversationId, messageId, { id, kind, text: joined, ...(append.streamState ? { streamState: append.streamState } : {}) });
        return;
      }
      // A part's first checkpoint: its row starts with no text, and this event's text is its first chunk.
      this.upsertPart(conversationId, messageId, { id, kind, text: "", streamState: "streaming" });
      end = { messageId, kind, end: 0 };
      start = 0;
    }
    if (text !== "") {
      this.db.run("INSERT INTO part_chunks (part_id, start_offset, end_offset, text, event_seq) VALUES ($id, $start, $end, '', $seq)", { id, start, end: start + text.length, seq });
    }
    // Still streaming: the next checkpoint continues where this one ends, and knows it without a read.
    if (append.streamState === "streaming") return this.streamEnds.keep(id, { ...end, end: start + text.length });
    // Its end or its interruption changes only the row's state (which forgets its kept end): the answer is not written again.
    const payload = append.streamState ? "json_set(payload, '$.streamState', $state)" : "json_remove(payload, '$.streamState')";
    this.db.run(`UPDATE parts SET payload = ${payload} WHERE id = $id`, { id, ...(append.streamState ? { state: append.streamState } : {}) });
  }

  /** Where a streaming part's stored text ends (its row's text, then its chunks'), or null when it is not streaming. */
  private readStreamEnd(id: string): StreamEnd | null {
    const row = this.db.get<{ message_id: MessageId; kind: string; payload: string; chunks_end: number | null }>(
      `SELECT message_id, kind, CASE WHEN NOT EXISTS (SELECT 1 FROM part_chunks c WHERE c.part_id = $id) THEN payload ELSE '' END AS payload,
         (SELECT end_offset FROM part_chunks c WHERE c.part_id = $id ORDER BY c.start_offset DESC LIMIT 1) AS chunks_end
       FROM parts WHERE id = $id AND json_extract(payload, '$.streamState') = 'streaming'`,
      { id },
    );
    return row ? { messageId: row.message_id, kind: row.kind, end: row.chunks_end ?? textOf(row.payload).length } : null;
  }

  private openPermission(conversationId: ConversationId, request: PermissionRequest): void {
    this.db.run(
      `INSERT INTO pending_permissions (conversation_id, id, payload, created_at)
       VALUES ($conversationId, $id, $payload, $createdAt)
       ON CONFLICT (conversation_id, id) DO UPDATE SET payload = excluded.payload`,
      { conversationId, id: request.id, payload: JSON.stringify(request), createdAt: request.createdAt },
    );
  }

  private closePermission(conversationId: ConversationId, requestId: PermissionId): void {
    this.db.run("DELETE FROM pending_permissions WHERE conversation_id = $conversationId AND id = $id", {
      conversationId,
      id: requestId,
    });
  }

  private messageOwner(messageId: MessageId): string | null {
    return this.db.get<{ conversation_id: string }>("SELECT conversation_id FROM messages WHERE id = $id", { id: messageId })
      ?.conversation_id ?? null;
  }
}

/** The text in a stored part's payload ("" when it has none). */
function textOf(payload: string): string {
  const text = payload === "" ? undefined : (JSON.parse(payload) as { text?: unknown }).text;
  return typeof text === "string" ? text : "";
}

/** Where a streaming part's stored text ends (UTF-16 code units), with the message and kind it was stored under. */
type StreamEnd = { messageId: MessageId; kind: string; end: number };

function inconsistent(message: string, conversationId: ConversationId): AppError {
  return new AppError("internal", `event batch rejected: ${message}`, { conversationId });
}

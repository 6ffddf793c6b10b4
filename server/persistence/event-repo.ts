import type { ConversationId } from "../../shared/ids.ts";
import { DurableEvent, type SequencedEvent } from "../../shared/protocol/events.ts";
import type { Conversation } from "../../shared/protocol/model.ts";
import { writeConversationPatch, type ConversationPatch } from "./conversation-patch.ts";
import type { Db } from "./db.ts";
import { decodeJson, notFound } from "./errors.ts";
import { projectEvent } from "./projection.ts";
import { ProjectionStore } from "./projection-store.ts";

type EventRow = { seq: number; at: number; payload: string };

const INSERT_EVENT =
  "INSERT INTO events (conversation_id, seq, type, payload, at) VALUES ($conversationId, $seq, $type, $payload, $at)";

/** The append-only event log of each conversation, and the one writer of its projections. */
export class EventRepo {
  private readonly projection: ProjectionStore;

  constructor(private readonly db: Db) {
    this.projection = new ProjectionStore(db);
  }

  /**
   * Appends `events` in ONE transaction: gap-free seqs continuing from the conversation's `lastSeq`, the projections
   * (messages, parts, pending permissions, conversation row) updated to match. All or nothing: if any event cannot be
   * projected, nothing is stored and no seq is used. `not_found` when the conversation does not exist. `alongside`
   * writes what must be stored with these events in the same transaction (a send's command answer with its message).
   * @example const sequenced = repos.events.appendBatch(id, [{ type: "notice", level: "info", text: "hi" }], Date.now());
   */
  appendBatch(conversationId: ConversationId, events: readonly DurableEvent[], at: number, alongside?: () => void): SequencedEvent[] {
    if (events.length === 0) return [];
    return this.db.transaction(() => {
      const first = this.lastSeqToContinue(conversationId) + 1;
      const patch: ConversationPatch = {};
      const sequenced = events.map((event, index): SequencedEvent => {
        const seq = first + index;
        this.db.run(INSERT_EVENT, { conversationId, seq, type: event.type, payload: JSON.stringify(event), at });
        for (const op of projectEvent(event)) this.projection.apply(conversationId, seq, op, patch);
        return { seq, at, event };
      });
      writeConversationPatch(this.db, conversationId, patch, { updatedAt: at, lastSeq: first + events.length - 1 });
      alongside?.();
      return sequenced;
    });
  }

  /** Up to `limit` events with seq > `afterSeq`, in order; a stored event that fails validation throws. */
  listAfter(conversationId: ConversationId, afterSeq: number, limit: number): SequencedEvent[] {
    const rows = this.db.all<EventRow>(
      `SELECT seq, at, payload FROM events WHERE conversation_id = $conversationId AND seq > $afterSeq
       ORDER BY seq LIMIT $limit`,
      { conversationId, afterSeq, limit: Math.max(0, Math.floor(limit)) },
    );
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      event: decodeJson(DurableEvent, row.payload, `event ${conversationId}#${row.seq}`),
    }));
  }

  /** The conversation's newest event of one type, or null (uses the type index). */
  lastOfType<T extends DurableEvent["type"]>(conversationId: ConversationId, type: T): (SequencedEvent & { event: Extract<DurableEvent, { type: T }> }) | null {
    const row = this.db.get<EventRow>(
      "SELECT seq, at, payload FROM events WHERE conversation_id = $conversationId AND type = $type ORDER BY seq DESC LIMIT 1",
      { conversationId, type },
    );
    if (!row) return null;
    const event = decodeJson(DurableEvent, row.payload, `event ${conversationId}#${row.seq}`) as Extract<DurableEvent, { type: T }>;
    return { seq: row.seq, at: row.at, event };
  }

  /**
   * The seq a batch continues from, inside its transaction: the conversation row kept decoded (ADR 0132), which the
   * previous commit stamped with the seq it wrote (ADR 0212), when there is one; else read. A kept row is forgotten by
   * any other write to it and by a failed transaction, and only this server's connection writes (ADR 0215).
   */
  private lastSeqToContinue(conversationId: ConversationId): number {
    return this.db.peekKept<Conversation>("conversations", conversationId)?.lastSeq ?? this.lastSeq(conversationId);
  }

  /** The seq of the conversation's newest event (0 when none); `not_found` when the conversation does not exist. */
  lastSeq(conversationId: ConversationId): number {
    const row = this.db.get<{ last_seq: number }>("SELECT last_seq FROM conversations WHERE id = $id", {
      id: conversationId,
    });
    if (!row) throw notFound("conversation", conversationId);
    return row.last_seq;
  }
}

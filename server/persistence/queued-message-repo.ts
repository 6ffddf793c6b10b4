import { z } from "zod";
import { lazySchema } from "../../shared/lazy-schema.ts";
import type { ConversationId, QueuedMessageId } from "../../shared/ids.ts";
import { ImageInput } from "../../shared/api/inputs.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

/** A queued message as stored: what the user typed, images included, until it is sent or cancelled. */
export type StoredQueuedMessage = {
  id: QueuedMessageId;
  conversationId: ConversationId;
  text: string;
  images: ImageInput[];
  createdAt: number;
  sendAfter: number | null;
  lastError: string | null;
};

type Row = { id: string; conversation_id: string; text: string; images: string; created_at: number; send_after: number | null; last_error: string | null };

const Images = lazySchema(() => z.array(ImageInput));

/** The server-side message queue (ADR 0025): one row per waiting message, oldest first. */
export class QueuedMessageRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  add(message: Omit<StoredQueuedMessage, "createdAt" | "lastError">): StoredQueuedMessage {
    const createdAt = this.now();
    this.db.run(
      `INSERT INTO queued_messages (id, conversation_id, text, images, created_at, send_after, last_error)
       VALUES ($id, $conversationId, $text, $images, $createdAt, $sendAfter, NULL)`,
      { id: message.id, conversationId: message.conversationId, text: message.text, images: JSON.stringify(message.images), createdAt, sendAfter: message.sendAfter },
    );
    return { ...message, createdAt, lastError: null };
  }

  /** A conversation's queue, oldest first (rowid breaks ties within one millisecond). */
  list(conversationId: ConversationId): StoredQueuedMessage[] {
    return this.db
      .all<Row>("SELECT * FROM queued_messages WHERE conversation_id = $conversationId ORDER BY created_at, rowid", { conversationId })
      .map((row) => fromRow(row));
  }

  /** Every conversation with something queued (after a restart: which timers to arm). */
  conversationsWithQueue(): ConversationId[] {
    return this.db.all<{ conversation_id: string }>("SELECT DISTINCT conversation_id FROM queued_messages").map((row) => row.conversation_id as ConversationId);
  }

  /** Removes a message; false when it was not queued (already sent or cancelled). */
  remove(id: QueuedMessageId): boolean {
    return this.db.run("DELETE FROM queued_messages WHERE id = $id", { id }).changes > 0;
  }

  setError(id: QueuedMessageId, error: string | null): void {
    this.db.run("UPDATE queued_messages SET last_error = $error WHERE id = $id", { id, error });
  }
}

function fromRow(row: Row): StoredQueuedMessage {
  return {
    id: row.id as QueuedMessageId,
    conversationId: row.conversation_id as ConversationId,
    text: row.text,
    images: decodeJson(Images, row.images, `queued message ${row.id}`),
    createdAt: row.created_at,
    sendAfter: row.send_after,
    lastError: row.last_error,
  };
}

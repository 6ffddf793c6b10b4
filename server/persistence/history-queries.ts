import type { ConversationId, PartId } from "../../shared/ids.ts";
import { DurableEvent, type SequencedEvent } from "../../shared/protocol/events.ts";
import { Part, type ToolPart } from "../../shared/protocol/model.ts";
import type { Db } from "./db.ts";
import { decodeJson } from "./errors.ts";
import { payloadWithChunks } from "./part-chunks.ts";

type EventRow = { seq: number; at: number; payload: string };

/** Which logged events {@link eventsOfTypes} returns. */
export type EventQuery = { types: readonly string[]; fromAt: number; toAt: number; uptoSeq: number; limit: number; isNewestFirst?: boolean };

function toSequenced(conversationId: ConversationId, row: EventRow): SequencedEvent {
  return { seq: row.seq, at: row.at, event: decodeJson(DurableEvent, row.payload, `event ${conversationId}#${row.seq}`) };
}

/** Logged events of the given types in a time window, oldest first (newest `limit` when `isNewestFirst`). */
export function eventsOfTypes(db: Db, conversationId: ConversationId, query: EventQuery): SequencedEvent[] {
  const types = query.types.map((t) => `'${t.replace(/[^a-z.]/g, "")}'`).join(", ");
  const rows = db.all<EventRow>(
    `SELECT seq, at, payload FROM events WHERE conversation_id = $conversationId AND type IN (${types})
     AND at >= $fromAt AND at < $toAt AND seq <= $uptoSeq ORDER BY seq ${query.isNewestFirst ? "DESC" : "ASC"} LIMIT $limit`,
    { conversationId, fromAt: query.fromAt, toAt: Math.min(query.toAt, Number.MAX_SAFE_INTEGER), uptoSeq: query.uptoSeq, limit: query.limit },
  );
  const events = rows.map((row) => toSequenced(conversationId, row));
  return query.isNewestFirst ? events.reverse() : events;
}

/** The newest logged event of each type (at or below `uptoSeq`), in seq order. */
export function latestOfEachType(db: Db, conversationId: ConversationId, types: readonly string[], uptoSeq: number): SequencedEvent[] {
  const found: SequencedEvent[] = [];
  for (const type of types) {
    const row = db.get<EventRow>(
      `SELECT seq, at, payload FROM events WHERE conversation_id = $conversationId AND type = $type AND seq <= $uptoSeq
       ORDER BY seq DESC LIMIT 1`,
      { conversationId, type, uptoSeq },
    );
    if (row) found.push(toSequenced(conversationId, row));
  }
  return found.sort((a, b) => a.seq - b.seq);
}

/** One stored part of a conversation by id, or null. */
export function partById(db: Db, conversationId: ConversationId, partId: PartId): Part | null {
  const row = db.get<{ payload: string }>(`SELECT ${payloadWithChunks("parts")} AS payload FROM parts WHERE id = $id AND conversation_id = $conversationId`, { id: partId, conversationId });
  return row ? decodeJson(Part, row.payload, `part ${partId}`) : null;
}

/**
 * The calls that make up the current todo list, oldest first: the newest successful call of a `listTools` tool
 * (a whole list, e.g. TodoWrite) and the calls of `stepTools` after it (e.g. TaskCreate, TaskUpdate). Failed calls
 * changed nothing and are skipped.
 */
export function todoToolParts(db: Db, conversationId: ConversationId, listTools: readonly string[], stepTools: readonly string[]): ToolPart[] {
  const names = [...listTools, ...stepTools];
  const rows = db.all<{ id: string; head: string }>(
    // Only the newest 300 tool calls are looked at, and only their heads are read, so a huge history stays cheap.
    `SELECT id, substr(payload, 1, 400) AS head FROM parts WHERE conversation_id = $conversationId AND kind = 'tool'
     ORDER BY rowid DESC LIMIT 300`,
    { conversationId },
  );
  const calls: ToolPart[] = [];
  for (const row of rows) {
    if (!names.some((name) => row.head.includes(`"name":"${name}"`))) continue;
    const full = db.get<{ payload: string }>("SELECT payload FROM parts WHERE id = $id", { id: row.id });
    if (!full) continue;
    const part = decodeJson(Part, full.payload, `part ${row.id}`);
    if (part.kind !== "tool" || !names.includes(part.name) || isFailed(part)) continue;
    calls.push(part);
    if (listTools.includes(part.name)) break;
  }
  return calls.reverse();
}

function isFailed(part: ToolPart): boolean {
  return part.status === "failed" || part.result?.isError === true;
}

/**
 * When the newest prompt was created: the user's message (not a tool's result, not a sub-agent's) that began the
 * latest turn, however many messages the turn has made since. Null before any.
 */
export function newestPromptAt(db: Db, conversationId: ConversationId): number | null {
  return (
    db.get<{ created_at: number }>(
      `SELECT m.created_at FROM messages m WHERE m.conversation_id = $conversationId AND m.role = 'user' AND m.parent_tool_use_id IS NULL
       AND EXISTS (SELECT 1 FROM parts p WHERE p.message_id = m.id AND p.kind != 'tool') ORDER BY m.position DESC LIMIT 1`,
      { conversationId },
    )?.created_at ?? null
  );
}

/** The created time of the message at `position`, or null. */
export function messageCreatedAt(db: Db, conversationId: ConversationId, position: number): number | null {
  return db.get<{ created_at: number }>("SELECT created_at FROM messages WHERE conversation_id = $conversationId AND position = $position", { conversationId, position })?.created_at ?? null;
}

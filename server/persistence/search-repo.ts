import type { Db } from "./db.ts";

/** Marks around a matched term inside a snippet (control characters never found in message text we index). */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** One search hit: where it is and a short excerpt with the matched terms marked. */
export type SearchHit = {
  conversationId: string;
  messageId: string;
  sessionId: string;
  workspaceId: string;
  conversationTitle: string;
  sessionName: string;
  role: string;
  createdAt: number;
  snippet: string;
};

type HitRow = {
  conversation_id: string;
  message_id: string;
  session_id: string;
  workspace_id: string;
  title: string;
  session_name: string;
  role: string;
  created_at: number;
  snippet: string;
};

/** Full-text search over the text parts of every conversation (the FTS5 index kept by triggers on `parts`). */
export class SearchRepo {
  constructor(private readonly db: Db) {}

  /** Best matches first; every word of `text` must appear (the last one as a prefix). Empty text finds nothing. */
  search(text: string, limit: number): SearchHit[] {
    const query = toFtsQuery(text);
    if (!query) return [];
    const rows = this.db.all<HitRow>(
      `SELECT ms.conversation_id, ms.message_id, c.session_id, s.workspace_id, c.title, s.name AS session_name,
              m.role, m.created_at, snippet(message_search, 0, $start, $end, '…', 16) AS snippet
       FROM message_search ms
       JOIN messages m ON m.id = ms.message_id
       JOIN conversations c ON c.id = ms.conversation_id
       JOIN sessions s ON s.id = c.session_id
       WHERE message_search MATCH $query
       ORDER BY bm25(message_search), m.created_at DESC
       LIMIT $limit`,
      { query, start: MATCH_START, end: MATCH_END, limit },
    );
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      messageId: row.message_id,
      sessionId: row.session_id,
      workspaceId: row.workspace_id,
      conversationTitle: row.title,
      sessionName: row.session_name,
      role: row.role,
      createdAt: row.created_at,
      snippet: row.snippet,
    }));
  }
}

/**
 * Turns what the user typed into a safe FTS5 query: each word becomes a quoted string (so `-`, `:` or `"` are never
 * operators), all must match, and the last one matches as a prefix while typing.
 */
export function toFtsQuery(text: string): string {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/"/g, "").trim())
    .filter((w) => w.length > 0)
    .slice(0, 12);
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}

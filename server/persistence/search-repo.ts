import type { Db } from "./db.ts";
import { payloadWithChunks } from "./part-chunks.ts";
import { MATCH_END, MATCH_START, markWords, widenToTypedWords } from "./search-marks.ts";

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

/** How many changed parts one indexing step tokenizes (one short transaction each, off the streaming path). */
export const INDEX_BATCH = 200;

const HIT_COLUMNS = `ms.conversation_id, ms.message_id, c.session_id, s.workspace_id, c.title, s.name AS session_name, m.role, m.created_at`;
const HIT_JOINS = `JOIN messages m ON m.id = ms.message_id
       JOIN conversations c ON c.id = ms.conversation_id
       JOIN sessions s ON s.id = c.session_id`;

/**
 * Full-text search over the text parts of every conversation: a word index (`message_search`, accents folded) for
 * scripts written with spaces, and a trigram index (`message_search_trigram`) for the rest (CJK runs, emoji). Both are
 * filled from `search_dirty` by {@link indexPending}, never inside the commit that stored the part.
 */
export class SearchRepo {
  constructor(private readonly db: Db) {}

  /**
   * Tokenizes up to `limit` changed parts, and past the first one no more than about `maxChars` of stored text (a long
   * answer is tokenized alone); answers how many it did (0: nothing left). `isSettledOnly` leaves parts that are still
   * streaming for later: each checkpoint of one (ADR 0008) would tokenize the whole answer so far again.
   */
  indexPending(limit = INDEX_BATCH, { maxChars = Number.POSITIVE_INFINITY, isSettledOnly = false }: { maxChars?: number; isSettledOnly?: boolean } = {}): number {
    return this.db.transaction(() => {
      const rows = this.db.all<{ part_rowid: number; size: number | null }>(
        `SELECT d.part_rowid, length(p.payload) + coalesce((SELECT sum(length(c.text)) FROM part_chunks c WHERE c.part_id = p.id), 0) AS size
         FROM search_dirty d LEFT JOIN parts p ON p.rowid = d.part_rowid
         WHERE $isSettledOnly = 0 OR p.rowid IS NULL OR json_extract(p.payload, '$.streamState') IS NOT 'streaming'
         LIMIT $limit`,
        { limit, isSettledOnly: isSettledOnly ? 1 : 0 },
      );
      let chars = 0;
      let done = 0;
      for (const { part_rowid: rowid, size } of rows) {
        if (done > 0 && chars + (size ?? 0) > maxChars) break;
        chars += size ?? 0;
        done++;
        this.db.run("DELETE FROM message_search WHERE rowid = $rowid", { rowid });
        this.db.run("DELETE FROM message_search_trigram WHERE rowid = $rowid", { rowid });
        for (const table of ["message_search", "message_search_trigram"]) {
          this.db.run(
            `INSERT INTO ${table} (rowid, text, conversation_id, message_id)
             SELECT rowid, json_extract(${payloadWithChunks("parts")}, '$.text'), conversation_id, message_id FROM parts WHERE rowid = $rowid AND kind = 'text'`,
            { rowid },
          );
        }
        this.db.run("DELETE FROM search_dirty WHERE part_rowid = $rowid", { rowid });
      }
      return done;
    });
  }

  /** Parts waiting for the indexer. */
  pendingCount(): number {
    return this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM search_dirty")?.n ?? 0;
  }

  /**
   * Best matches first; every word of `text` must appear (the last one as a prefix). Empty text finds nothing.
   * Whatever the indexer has not reached yet is indexed first, so a search never misses a stored message.
   */
  search(text: string, limit: number): SearchHit[] {
    while (this.indexPending() > 0);
    const words = queryWords(text);
    if (words.length === 0) return [];
    return words.every(isSpacedWord) ? this.searchWords(words, limit) : this.searchSubstrings(words, limit);
  }

  /**
   * The last word matches as a prefix (while typing), but messages with it as a whole word come first: bm25 scores
   * "deploy" and "deploying" alike, so newer messages with longer words pushed the exact ones past the limit.
   */
  private searchWords(words: string[], limit: number): SearchHit[] {
    const query = toFtsQuery(words.join(" "));
    const rows = this.db.all<HitRow>(
      `SELECT ${HIT_COLUMNS}, snippet(message_search, 0, $start, $end, '…', 16) AS snippet
       FROM message_search ms ${HIT_JOINS}
       WHERE message_search MATCH $query
       ORDER BY ms.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH $whole) DESC, bm25(message_search), m.created_at DESC
       LIMIT $limit`,
      { query, whole: query.replace(/\*$/, ""), start: MATCH_START, end: MATCH_END, limit },
    );
    return rows.map((row) => ({ ...toHit(row), snippet: widenToTypedWords(row.snippet, words) }));
  }

  /** Trigram matching: words of three or more characters through the index, shorter ones (one emoji) by LIKE. */
  private searchSubstrings(words: string[], limit: number): SearchHit[] {
    const long = words.filter((w) => [...w].length >= 3);
    const params: Record<string, string | number> = { limit };
    const conditions = words.map((w, i) => {
      params[`like${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return `ms.text LIKE $like${i} ESCAPE '\\'`;
    });
    if (long.length > 0) {
      params["query"] = long.map((w) => `"${w}"`).join(" ");
      conditions.unshift("message_search_trigram MATCH $query");
    }
    const rows = this.db.all<HitRow & { text: string }>(
      `SELECT ${HIT_COLUMNS}, ms.text AS text, '' AS snippet
       FROM message_search_trigram ms ${HIT_JOINS}
       WHERE ${conditions.join(" AND ")}
       ORDER BY m.created_at DESC
       LIMIT $limit`,
      params,
    );
    return rows.map((row) => ({ ...toHit(row), snippet: excerpt(row.text, words) }));
  }
}

function toHit(row: HitRow): SearchHit {
  return {
    conversationId: row.conversation_id,
    messageId: row.message_id,
    sessionId: row.session_id,
    workspaceId: row.workspace_id,
    conversationTitle: row.title,
    sessionName: row.session_name,
    role: row.role,
    createdAt: row.created_at,
    snippet: row.snippet,
  };
}

/** Words of a script written with spaces (Latin, Greek, Cyrillic…): the word index serves them, with prefixes. */
function isSpacedWord(word: string): boolean {
  return /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{Script=Arabic}\p{N}\p{M}\p{P}\p{S}]+$/u.test(word) && !/\p{Extended_Pictographic}/u.test(word);
}

/** About 60 characters around the first match, the matched words marked like FTS5's own snippets. */
function excerpt(text: string, words: string[]): string {
  const lower = text.toLowerCase();
  const first = Math.max(0, lower.indexOf((words[0] ?? "").toLowerCase()));
  const from = Math.max(0, first - 30);
  const piece = text.slice(from, from + 60 + (words[0]?.length ?? 0));
  // As the match was found: whatever the case (LIKE), each place marked once (the longest word first where two overlap).
  const marked = markWords(piece, [...words].sort((a, b) => b.length - a.length));
  return `${from > 0 ? "…" : ""}${marked}${from + piece.length < text.length ? "…" : ""}`;
}

/**
 * Turns what the user typed into a safe FTS5 query: each word becomes a quoted string (so `-`, `:` or `"` are never
 * operators), all must match, and the last one matches as a prefix while typing.
 */
export function toFtsQuery(text: string): string {
  const words = queryWords(text);
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}

function queryWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/"/g, "").trim())
    .filter((w) => w.length > 0)
    .slice(0, 12);
}

import type { JobId } from "../../shared/ids.ts";
import type { SearchHit } from "../../shared/api/search.ts";
import type { Db } from "./db.ts";
import { payloadWithChunks } from "./part-chunks.ts";
import { MATCH_END, MATCH_START, mark, markWords, widenToTypedWords } from "./search-marks.ts";
import { isInWordIndex, nextPendingParts, pendingPartIds, pendingRows, type PartPlaceRow } from "./search-pending.ts";
import { substringMatcher, wordMatcher, wordRanges } from "./search-scan.ts";

type HitRow = PartPlaceRow & { snippet: string };

/** A hit with what orders it: whether the last word is whole in it (word searches), and its part's row. */
type RankedHit = SearchHit & { partRowid: number; isWhole?: boolean };

/** How many changed parts one indexing step tokenizes (one short transaction each, off the streaming path). */
export const INDEX_BATCH = 200;

type IndexOptions = { maxChars?: number; isSettledOnly?: boolean; isOneIndexAPart?: boolean };

/** Parts read and matched together while scanning: a few long answers, ~1–3 ms. */
const SCAN_BATCH = 4;
/** A search scanning pending text lets the loop go after this long (ADR 0197). */
const SCAN_SLICE_MS = 8;

/** The word index first: most searches are words, and a part half done is found by the scan meanwhile. */
const INDEXES = ["message_search", "message_search_trigram"] as const;

const HIT_COLUMNS = `ms.rowid AS part_rowid, ms.conversation_id, ms.message_id, c.session_id, s.workspace_id, c.title, c.job_id, c.created_at AS conversation_created_at, s.name AS session_name, s.title AS session_title, s.job_id AS session_job_id, s.created_at AS session_created_at, m.role, m.created_at`;
const HIT_JOINS = `JOIN messages m ON m.id = ms.message_id
       JOIN conversations c ON c.id = ms.conversation_id
       JOIN sessions s ON s.id = c.session_id`;

/**
 * Full-text search over the text parts of every conversation: a word index (`message_search`, accents folded) for
 * scripts written with spaces, and a trigram index (`message_search_trigram`) for the rest (CJK runs, emoji). Both are
 * filled from `search_dirty` by {@link indexPending}, never inside the commit that stored the part; a search scans
 * what they have not reached yet (ADR 0197).
 */
export class SearchRepo {
  /** `scanSliceMs`: how long a scan of pending text keeps the loop (a test sets 0 to see it let go on any machine). */
  constructor(
    private readonly db: Db,
    private readonly scanSliceMs: number = SCAN_SLICE_MS,
  ) {}

  /**
   * Tokenizes up to `limit` changed parts, and past the first one no more than about `maxChars` of stored text (a long
   * answer is tokenized alone); answers how many it did (0: nothing left). `isSettledOnly` leaves parts that are still
   * streaming for later: each checkpoint of one (ADR 0008) would tokenize the whole answer so far again.
   * `isOneIndexAPart` brings each part into one index per call (the word index, then the trigram one), halving the
   * longest a call holds the loop; a part counts as done when both have it.
   */
  indexPending(limit = INDEX_BATCH, { maxChars = Number.POSITIVE_INFINITY, isSettledOnly = false, isOneIndexAPart = false }: IndexOptions = {}): number {
    return this.db.transaction(() => {
      let chars = 0;
      let done = 0;
      for (const { rowid, size } of nextPendingParts(this.db, limit, isSettledOnly)) {
        if (done > 0 && chars + (size ?? 0) > maxChars) break;
        chars += size ?? 0;
        done++;
        const tables = !isOneIndexAPart ? INDEXES : isInWordIndex(this.db, rowid) ? INDEXES.slice(1) : INDEXES.slice(0, 1);
        for (const table of tables) {
          this.db.run(`DELETE FROM ${table} WHERE rowid = $rowid`, { rowid });
          this.db.run(
            `INSERT INTO ${table} (rowid, text, conversation_id, message_id)
             SELECT rowid, json_extract(${payloadWithChunks("parts")}, '$.text'), conversation_id, message_id FROM parts WHERE rowid = $rowid AND kind = 'text'`,
            { rowid },
          );
        }
        if (tables.includes("message_search_trigram")) this.db.run("DELETE FROM search_dirty WHERE part_rowid = $rowid", { rowid });
      }
      return done;
    });
  }

  /** Parts waiting for the indexer. */
  pendingCount(): number {
    return this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM search_dirty")?.n ?? 0;
  }

  /**
   * Whole-word hits first, then the newest; every word of `text` must appear (the last one as a prefix). Empty text
   * finds nothing. Text the indexes have not reached is scanned for the words (ADR 0197), a slice at a time with the
   * loop free between, so a search never misses a stored message and never waits for the indexer, however far behind
   * it is. Both kinds of hit are ordered alike ({@link inOneOrder}): the answer does not depend on how far it got.
   */
  async search(text: string, limit: number): Promise<SearchHit[]> {
    const words = queryWords(text);
    if (words.length === 0) return [];
    const isSpaced = words.every(isSpacedWord);
    // Read together, before the first slice lets the loop go: a part the indexer reaches meanwhile is found once.
    const pending = pendingPartIds(this.db);
    if (!isSpaced) {
      const indexed = this.searchSubstrings(words, limit);
      const scanned = await this.scan(pending, substringMatcher(words), excerpt, words);
      return inOneOrder([...scanned, ...indexed], limit);
    }
    const indexed = this.searchWords(words, limit);
    const scanned = await this.scan(pending, wordMatcher(words), wordExcerpt, words, wordMatcher(words, { isWholeLast: true }));
    return inOneOrder([...scanned, ...indexed], limit);
  }

  /**
   * The pending parts' hits: their text is read and matched a few parts at a time, and the loop is let go whenever
   * {@link SCAN_SLICE_MS} have passed, so however many are pending no request or stream waits longer. `isWholeIn`
   * tells, for word searches, whether a hit has the last word whole.
   */
  private async scan(pending: number[], matches: (text: string) => boolean, snippetOf: (text: string, words: string[]) => string, words: string[], isWholeIn?: (text: string) => boolean): Promise<RankedHit[]> {
    const hits: RankedHit[] = [];
    let sliceStarted = performance.now();
    for (let at = 0; at < pending.length; at += SCAN_BATCH) {
      if (at > 0 && performance.now() - sliceStarted >= this.scanSliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
      for (const row of pendingRows(this.db, pending.slice(at, at + SCAN_BATCH))) {
        if (row.text !== null && matches(row.text)) hits.push({ ...toHit({ ...row, snippet: snippetOf(row.text, words) }), isWhole: isWholeIn?.(row.text) });
      }
    }
    return hits;
  }

  /**
   * The last word matches as a prefix (while typing), but messages with it as a whole word come first: newer messages
   * with longer words ("deploying") pushed the exact ones past the limit.
   */
  private searchWords(words: string[], limit: number): RankedHit[] {
    const query = toFtsQuery(words.join(" "));
    // The order and the limit first, over row ids, then the snippets (FTS5 reads a hit's text for one) of the hits kept:
    // made for every match before the sort, a word in 400 long answers took ~300 ms instead of ~36 (bm25's: ~70).
    const rows = this.db.all<HitRow & { is_whole: number }>(
      `WITH top AS (
         SELECT ms.rowid AS part_rowid, ms.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH $whole) AS is_whole
         FROM message_search ms JOIN messages m ON m.id = ms.message_id
         WHERE message_search MATCH $query AND ms.rowid NOT IN (SELECT part_rowid FROM search_dirty)
         ORDER BY is_whole DESC, m.created_at DESC, ms.rowid DESC
         LIMIT $limit)
       SELECT ${HIT_COLUMNS}, snippet(message_search, 0, $start, $end, '…', 16) AS snippet, top.is_whole
       FROM top JOIN message_search ms ON ms.rowid = top.part_rowid ${HIT_JOINS}
       WHERE message_search MATCH $query`,
      { query, whole: query.replace(/\*$/, ""), start: MATCH_START, end: MATCH_END, limit },
    );
    return rows.map((row) => ({ ...toHit(row), snippet: widenToTypedWords(row.snippet, words), isWhole: row.is_whole === 1 }));
  }

  /**
   * Trigram matching in two steps, so a search reads the text of the hits it shows, not of every match (ADR 0237):
   * first the candidates' row ids in order, words of three or more characters through the index without reading any
   * text; then their text, a page at a time in that order, matched as LIKE finds words (the scan's matcher: the index
   * folds accents where LIKE does not, and shorter words are not in it) until `limit` hits have their snippets. A query
   * of short words only (one emoji) has nothing for the index: LIKE picks the row ids.
   */
  private searchSubstrings(words: string[], limit: number): RankedHit[] {
    const long = words.filter((w) => [...w].length >= 3);
    const candidates = long.length > 0 ? this.trigramCandidates(long) : this.likeCandidates(words);
    const matches = substringMatcher(words);
    const hits: RankedHit[] = [];
    for (let at = 0; at < candidates.length && hits.length < limit; at += limit) {
      for (const rowid of candidates.slice(at, at + limit)) {
        const row = this.db.get<HitRow & { text: string }>(`SELECT ${HIT_COLUMNS}, ms.text AS text, '' AS snippet FROM message_search_trigram ms ${HIT_JOINS} WHERE ms.rowid = $rowid`, { rowid });
        if (row && hits.length < limit && matches(row.text)) hits.push({ ...toHit(row), snippet: excerpt(row.text, words) });
      }
    }
    return hits;
  }

  /** Row ids the trigram index holds every word in, newest message first; the place comes from `parts`, not the text. */
  private trigramCandidates(long: string[]): number[] {
    return this.db
      .all<{ part_rowid: number }>(
        `SELECT ms.rowid AS part_rowid
         FROM message_search_trigram ms JOIN parts p ON p.rowid = ms.rowid JOIN messages m ON m.id = p.message_id
         WHERE message_search_trigram MATCH $query AND ms.rowid NOT IN (SELECT part_rowid FROM search_dirty)
         ORDER BY m.created_at DESC, ms.rowid DESC`,
        { query: long.map((w) => `"${w}"`).join(" ") },
      )
      .map((row) => row.part_rowid);
  }

  /** Row ids whose text has every (short) word by LIKE, newest message first: no index can narrow these. */
  private likeCandidates(words: string[]): number[] {
    const params: Record<string, string> = {};
    const conditions = words.map((w, i) => {
      params[`like${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return `ms.text LIKE $like${i} ESCAPE '\\'`;
    });
    return this.db
      .all<{ part_rowid: number }>(
        `SELECT ms.rowid AS part_rowid
         FROM message_search_trigram ms JOIN parts p ON p.rowid = ms.rowid JOIN messages m ON m.id = p.message_id
         WHERE ${conditions.join(" AND ")} AND ms.rowid NOT IN (SELECT part_rowid FROM search_dirty)
         ORDER BY m.created_at DESC, ms.rowid DESC`,
        params,
      )
      .map((row) => row.part_rowid);
  }
}

/**
 * The best `limit` hits: those with the last word whole first (word searches), then the newest, the part stored last
 * first within a message. Nothing in it depends on the index (bm25 ranked the indexed hits by what else was indexed,
 * and text not indexed yet had no score), so a search answers in the same order before and after the indexer has
 * caught up (ADR 0224).
 */
function inOneOrder(hits: RankedHit[], limit: number): SearchHit[] {
  const wholeness = (hit: RankedHit) => (hit.isWhole ? 1 : 0);
  hits.sort((a, b) => wholeness(b) - wholeness(a) || b.createdAt - a.createdAt || b.partRowid - a.partRowid);
  return hits.slice(0, limit).map(({ partRowid: _partRowid, isWhole: _isWhole, ...hit }) => hit);
}

function toHit(row: HitRow): RankedHit {
  return {
    partRowid: row.part_rowid,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    sessionId: row.session_id,
    workspaceId: row.workspace_id,
    conversationTitle: row.title,
    jobId: row.job_id as JobId | null,
    conversationCreatedAt: row.conversation_created_at,
    sessionName: row.session_name,
    sessionTitle: row.session_title,
    sessionJobId: row.session_job_id as JobId | null,
    sessionCreatedAt: row.session_created_at,
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
 * About 16 words around the first place a word is found, marked as FTS5's snippet marks it (whole tokens, accents
 * folded), then widened to the words as typed: a hit the index has not reached reads as one it has.
 */
function wordExcerpt(text: string, words: string[]): string {
  const ranges = wordRanges(text, words);
  const first = ranges[0]?.from ?? 0;
  const from = first <= 40 ? 0 : text.lastIndexOf(" ", first - 40) + 1;
  const to = Math.min(text.length, first + 80);
  const inside = ranges.filter((range) => range.from >= from && range.to <= to).map((range) => ({ from: range.from - from, to: range.to - from }));
  const snippet = `${from > 0 ? "…" : ""}${mark(text.slice(from, to), inside)}${to < text.length ? "…" : ""}`;
  return widenToTypedWords(snippet, words);
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

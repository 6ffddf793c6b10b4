import type { Db } from "./db.ts";
import { chunksLength, payloadWithChunks } from "./part-chunks.ts";

/** Where a part is, as a search hit says it (columns as the queries name them), and its row (the order's last word). */
export type PartPlaceRow = {
  part_rowid: number;
  conversation_id: string;
  message_id: string;
  session_id: string;
  workspace_id: string;
  title: string;
  job_id: string | null;
  conversation_created_at: number;
  session_name: string;
  session_title: string | null;
  session_job_id: string | null;
  session_created_at: number;
  role: string;
  created_at: number;
};

/** A pending part's text, with where it is. */
export type PendingRow = PartPlaceRow & { text: string | null };

/** Every part marked for the indexer (its row ids alone: reading their sizes would read all their text). */
export function pendingPartIds(db: Db): number[] {
  return db.all<{ rowid: number }>("SELECT part_rowid AS rowid FROM search_dirty").map((row) => row.rowid);
}

/** The parts to index next, oldest marks first, those still streaming left out when `isSettledOnly`. */
export function nextPendingParts(db: Db, limit: number, isSettledOnly: boolean): { rowid: number; size: number | null }[] {
  return db.all(
    `SELECT d.part_rowid AS rowid, length(p.payload) + ${chunksLength("p")} AS size
     FROM search_dirty d LEFT JOIN parts p ON p.rowid = d.part_rowid
     WHERE $isSettledOnly = 0 OR p.rowid IS NULL OR json_extract(p.payload, '$.streamState') IS NOT 'streaming'
     LIMIT $limit`,
    { limit, isSettledOnly: isSettledOnly ? 1 : 0 },
  );
}

/** The text and whereabouts of these parts (those still text parts and still stored). */
export function pendingRows(db: Db, rowids: number[]): PendingRow[] {
  return db.all<PendingRow>(
    `SELECT p.rowid AS part_rowid, p.conversation_id, p.message_id, c.session_id, s.workspace_id, c.title, c.job_id, c.created_at AS conversation_created_at, s.name AS session_name, s.title AS session_title, s.job_id AS session_job_id, s.created_at AS session_created_at, m.role, m.created_at,
       json_extract(${payloadWithChunks("p")}, '$.text') AS text
     FROM parts p JOIN messages m ON m.id = p.message_id JOIN conversations c ON c.id = p.conversation_id JOIN sessions s ON s.id = c.session_id
     WHERE p.rowid IN (SELECT value FROM json_each($rowids)) AND p.kind = 'text'`,
    { rowids: JSON.stringify(rowids) },
  );
}

/**
 * Whether the word index already holds this part's current text: an answer is indexed one index per step (ADR 0197),
 * the word index first; its mark stays until the trigram index has it too. Nothing is remembered outside the tables,
 * so a restart between the two steps only redoes the first.
 */
export function isInWordIndex(db: Db, rowid: number): boolean {
  return (
    db.get<{ same: number }>(
      `SELECT (SELECT text FROM message_search WHERE rowid = $rowid) IS (SELECT json_extract(${payloadWithChunks("parts")}, '$.text') FROM parts WHERE rowid = $rowid AND kind = 'text') AS same`,
      { rowid },
    )?.same === 1
  );
}

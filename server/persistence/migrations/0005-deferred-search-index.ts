import type { Migration } from "../migrate.ts";

/**
 * Search indexing leaves the streaming path: triggers on `parts` now only note which text parts changed
 * (`search_dirty`, an integer insert), and the indexer tokenizes them after the turn's events are delivered. Tokenizing
 * a long answer inside the turn's final commit blocked every conversation's stream at once. A second index with the
 * trigram tokenizer finds text in scripts written without spaces (Chinese, Japanese) and emoji; both are rebuilt from
 * `search_dirty`, which survives a crash, so nothing stored is ever left unsearchable.
 */
export const migration0005: Migration = {
  version: 5,
  name: "deferred-search-index",
  sql: `
DROP TRIGGER parts_search_insert;
DROP TRIGGER parts_search_update;
DROP TRIGGER parts_search_delete;
CREATE TABLE search_dirty (part_rowid INTEGER PRIMARY KEY) STRICT;
CREATE VIRTUAL TABLE message_search_trigram USING fts5(
  text,
  conversation_id UNINDEXED,
  message_id UNINDEXED,
  tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER parts_search_dirty_insert AFTER INSERT ON parts WHEN new.kind = 'text'
BEGIN
  INSERT OR IGNORE INTO search_dirty (part_rowid) VALUES (new.rowid);
END;
CREATE TRIGGER parts_search_dirty_update AFTER UPDATE ON parts WHEN new.kind = 'text' OR old.kind = 'text'
BEGIN
  INSERT OR IGNORE INTO search_dirty (part_rowid) VALUES (new.rowid);
END;
CREATE TRIGGER parts_search_delete AFTER DELETE ON parts
BEGIN
  DELETE FROM message_search WHERE rowid = old.rowid;
  DELETE FROM message_search_trigram WHERE rowid = old.rowid;
  DELETE FROM search_dirty WHERE part_rowid = old.rowid;
END;
INSERT INTO search_dirty (part_rowid) SELECT rowid FROM parts WHERE kind = 'text';
`,
};

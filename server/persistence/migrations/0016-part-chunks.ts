import type { Migration } from "../migrate.ts";

/**
 * The text a streaming part gained at each checkpoint and at its end (ADR 0041), kept beside its row (which keeps the
 * text before them), so neither a checkpoint nor the end rewrites the whole answer in `parts`. Offsets count UTF-16
 * code units, as the events' do. A new chunk marks its text part for the search index, as an update of the row does.
 */
export const migration0016: Migration = {
  version: 16,
  name: "part-chunks",
  sql: `
CREATE TABLE part_chunks (
  part_id TEXT NOT NULL REFERENCES parts(id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (part_id, start_offset)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER part_chunks_search_dirty AFTER INSERT ON part_chunks
BEGIN
  INSERT OR IGNORE INTO search_dirty (part_rowid) SELECT rowid FROM parts WHERE id = new.part_id AND kind = 'text';
END;
`,
};

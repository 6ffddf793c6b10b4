import type { Migration } from "../migrate.ts";

/**
 * A streaming checkpoint's chunk names the event that carries its text instead of holding a copy (ADR 0282): the
 * event's seq in its part's conversation, with `text` left empty. Rows written before keep their text and no seq, and
 * readers take each chunk's text from whichever it has, so an existing database needs no rewrite.
 */
export const migration0024: Migration = {
  version: 24,
  name: "chunks-refer-to-their-events",
  sql: `
ALTER TABLE part_chunks ADD COLUMN event_seq INTEGER;
`,
};

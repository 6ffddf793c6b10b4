import type { Migration } from "../migrate.ts";

/**
 * `rewind_notes`: what Claude is owed about a rewind of a conversation's files (ADR 0123) — which files changed back
 * under it — until the next message carries it to the CLI. Kept across a restart and a sleeping CLI.
 */
export const migration0021: Migration = {
  version: 21,
  name: "rewind-notes",
  sql: `
CREATE TABLE rewind_notes (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
`,
};

import type { Migration } from "../migrate.ts";

/**
 * The messages a fork copied into its own timeline, each with the message it copies (ADR 0031): a fork of a fork
 * finds a copied prompt in Claude Code's transcript by the uuid its original was sent with.
 */
export const migration0014: Migration = {
  version: 14,
  name: "forked-messages",
  sql: `
CREATE TABLE forked_messages (
  message_id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  source_message_id TEXT NOT NULL
) STRICT;
`,
};

import type { Migration } from "../migrate.ts";

/** Messages typed while a turn runs, held by the server until the turn ends (ADR 0025). */
export const migration0012: Migration = {
  version: 12,
  name: "message-queue",
  sql: `
CREATE TABLE queued_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  images TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  send_after INTEGER,
  last_error TEXT
);
CREATE INDEX queued_messages_by_conversation ON queued_messages (conversation_id, created_at);
`,
};

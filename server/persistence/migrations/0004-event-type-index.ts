import type { Migration } from "../migrate.ts";

/**
 * History pages look up a conversation's turn results, exits and notices by type and seq; without this index each
 * page scanned the conversation's whole event log.
 */
export const migration0004: Migration = {
  version: 4,
  name: "event-type-index",
  sql: `CREATE INDEX events_by_type ON events (conversation_id, type, seq);`,
};

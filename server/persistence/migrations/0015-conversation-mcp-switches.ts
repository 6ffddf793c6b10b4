import type { Migration } from "../migrate.ts";

/** MCP servers the user switched off for one conversation; applied again each time its CLI starts (ADR 0031). */
export const migration0015: Migration = {
  version: 15,
  name: "conversation-mcp-switches",
  sql: `
CREATE TABLE conversation_mcp_off (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  server_name TEXT NOT NULL,
  PRIMARY KEY (conversation_id, server_name)
) STRICT;
`,
};

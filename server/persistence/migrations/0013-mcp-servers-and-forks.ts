import type { Migration } from "../migrate.ts";

/** A workspace's own MCP servers (secret values live in a 0600 file, not here) and where forked conversations start. */
export const migration0013: Migration = {
  version: 13,
  name: "mcp-servers-and-forks",
  sql: `
CREATE TABLE mcp_servers (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  transport TEXT NOT NULL,
  command TEXT,
  args TEXT NOT NULL DEFAULT '[]',
  url TEXT,
  env TEXT NOT NULL DEFAULT '[]',
  headers TEXT NOT NULL DEFAULT '[]',
  is_enabled INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);
CREATE TABLE conversation_forks (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  source_conversation_id TEXT NOT NULL,
  source_cli_session_id TEXT,
  resume_at TEXT,
  prompt_offset INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);`,
};

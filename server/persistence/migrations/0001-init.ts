import type { Migration } from "../migrate.ts";

/**
 * The first schema. Times are epoch milliseconds; JSON columns hold zod-validated documents and are validated again
 * when read. `events` is the append-only truth; `messages`, `parts` and `pending_permissions` are projections of it.
 */
export const migration0001: Migration = {
  version: 1,
  name: "init",
  sql: `
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  cwd TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_workspace ON sessions (workspace_id, updated_at);

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  model TEXT,
  permission_mode TEXT NOT NULL,
  cli_session_id TEXT,
  transport TEXT,
  status TEXT NOT NULL,
  status_reason TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX conversations_by_session ON conversations (session_id, updated_at);
CREATE INDEX conversations_by_status ON conversations (status);

CREATE TABLE events (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
) STRICT;
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  parent_tool_use_id TEXT,
  model TEXT,
  created_at INTEGER NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (conversation_id, position)
) STRICT;

CREATE TABLE parts (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  tool_use_id TEXT,
  payload TEXT NOT NULL,
  UNIQUE (message_id, position)
) STRICT;
CREATE INDEX parts_by_tool_use ON parts (conversation_id, tool_use_id) WHERE tool_use_id IS NOT NULL;
CREATE INDEX parts_by_kind ON parts (conversation_id, kind);

CREATE TABLE pending_permissions (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, id)
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- conversation_id is a scope, not a foreign key: commands that make a conversation have none yet.
CREATE TABLE commands (
  conversation_id TEXT NOT NULL,
  command_id TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, command_id)
) STRICT;
CREATE INDEX commands_by_age ON commands (created_at);

CREATE TABLE blobs (
  id TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
`,
};

import type { Migration } from "../migrate.ts";

/**
 * Power tools (issue 13): per-workspace skill switches, what each CLI version last reported (commands, models — so `/`
 * autocompletes before the first message), budgets per conversation with workspace defaults, and file checkpoints.
 */
export const migration0007: Migration = {
  version: 7,
  name: "power-tools",
  sql: `
CREATE TABLE skill_settings (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  skill_id TEXT NOT NULL,
  is_enabled INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, skill_id)
) STRICT;

CREATE TABLE cli_capabilities (
  cli_version TEXT PRIMARY KEY,
  commands TEXT NOT NULL,
  models TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE budgets (
  scope TEXT NOT NULL CHECK (scope IN ('workspace', 'conversation')),
  owner_id TEXT NOT NULL,
  max_cost_usd REAL,
  max_turns INTEGER,
  max_thinking_tokens INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (scope, owner_id)
) STRICT;

CREATE TABLE checkpoints (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('turn', 'before-rewind')),
  tree_sha TEXT NOT NULL,
  head_sha TEXT,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX checkpoints_by_conversation ON checkpoints (conversation_id, created_at);
`,
};

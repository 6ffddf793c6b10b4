import type { Migration } from "../migrate.ts";

/**
 * GitHub and Linear: each session's pull request as last read (one JSON document, replaced on every change), its link
 * to a Linear issue, and per-workspace integration settings (archive on merge). Tokens are files, not rows (ADR 13).
 */
export const migration0008: Migration = {
  version: 8,
  name: "integrations",
  sql: `
CREATE TABLE pull_requests (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE linear_links (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  issue_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE workspace_integration_settings (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  archive_on_merge INTEGER NOT NULL DEFAULT 0
);
`,
};

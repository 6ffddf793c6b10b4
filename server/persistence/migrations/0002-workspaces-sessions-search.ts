import type { Migration } from "../migrate.ts";

/**
 * Workspace settings, session metadata (worktree, branch, lifecycle, setup progress, live git state), closable
 * conversations, and full-text search over message text. The FTS index follows the `parts` table through triggers, so
 * every writer of parts (the event projection) keeps it current without knowing about it.
 */
export const migration0002: Migration = {
  version: 2,
  name: "workspaces-sessions-search",
  sql: `
ALTER TABLE workspaces ADD COLUMN is_git_repo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN default_branch TEXT;
ALTER TABLE workspaces ADD COLUMN branch_prefix_mode TEXT NOT NULL DEFAULT 'none';
ALTER TABLE workspaces ADD COLUMN branch_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN setup_script TEXT;
ALTER TABLE workspaces ADD COLUMN copy_files TEXT NOT NULL DEFAULT '[]';
ALTER TABLE workspaces ADD COLUMN env_sets TEXT NOT NULL DEFAULT '{}';
ALTER TABLE workspaces ADD COLUMN problem TEXT;

ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'folder';
ALTER TABLE sessions ADD COLUMN title TEXT;
ALTER TABLE sessions ADD COLUMN branch TEXT;
ALTER TABLE sessions ADD COLUMN base_branch TEXT;
ALTER TABLE sessions ADD COLUMN base_sha TEXT;
ALTER TABLE sessions ADD COLUMN worktree_path TEXT;
ALTER TABLE sessions ADD COLUMN priority TEXT NOT NULL DEFAULT 'medium';
ALTER TABLE sessions ADD COLUMN task_status TEXT NOT NULL DEFAULT 'backlog';
ALTER TABLE sessions ADD COLUMN is_pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN archived_at INTEGER;
ALTER TABLE sessions ADD COLUMN summary TEXT;
ALTER TABLE sessions ADD COLUMN env_set TEXT;
ALTER TABLE sessions ADD COLUMN setup TEXT;
ALTER TABLE sessions ADD COLUMN git TEXT;
ALTER TABLE sessions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN problem TEXT;
CREATE UNIQUE INDEX sessions_by_worktree ON sessions (worktree_path) WHERE worktree_path IS NOT NULL;

ALTER TABLE conversations ADD COLUMN closed_at INTEGER;

CREATE VIRTUAL TABLE message_search USING fts5(
  text,
  conversation_id UNINDEXED,
  message_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER parts_search_insert AFTER INSERT ON parts WHEN new.kind = 'text'
BEGIN
  INSERT INTO message_search (rowid, text, conversation_id, message_id)
  VALUES (new.rowid, json_extract(new.payload, '$.text'), new.conversation_id, new.message_id);
END;
CREATE TRIGGER parts_search_update AFTER UPDATE ON parts
BEGIN
  DELETE FROM message_search WHERE rowid = old.rowid;
  INSERT INTO message_search (rowid, text, conversation_id, message_id)
  SELECT new.rowid, json_extract(new.payload, '$.text'), new.conversation_id, new.message_id WHERE new.kind = 'text';
END;
CREATE TRIGGER parts_search_delete AFTER DELETE ON parts
BEGIN
  DELETE FROM message_search WHERE rowid = old.rowid;
END;
INSERT INTO message_search (rowid, text, conversation_id, message_id)
  SELECT rowid, json_extract(payload, '$.text'), conversation_id, message_id FROM parts WHERE kind = 'text';
`,
};

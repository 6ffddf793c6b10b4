import type { Migration } from "../migrate.ts";

/** Review comments on a session's diff: the lines they point at, and the text of those lines to follow them. */
export const migration0010: Migration = {
  version: 10,
  name: "review-comments",
  sql: `
    CREATE TABLE review_comments (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('old', 'new')),
      start_line INTEGER NOT NULL,
      end_line INTEGER NOT NULL,
      body TEXT NOT NULL,
      commit_sha TEXT,
      anchor_text TEXT NOT NULL,
      is_outdated INTEGER NOT NULL DEFAULT 0,
      is_resolved INTEGER NOT NULL DEFAULT 0,
      sent_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX review_comments_by_session ON review_comments (session_id, created_at);
  `,
};

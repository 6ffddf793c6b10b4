import type { Migration } from "../migrate.ts";

/**
 * `terminals`: the session terminals that are open (their listing as JSON), so a server that stops or crashes can
 * say, once started again, which terminals the restart ended (`ended_at`), until the user dismisses each notice.
 */
export const migration0020: Migration = {
  version: 20,
  name: "terminals",
  sql: `
CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  info TEXT NOT NULL,
  ended_at INTEGER
) STRICT;
CREATE INDEX terminals_session ON terminals(session_id);
`,
};

import type { Migration } from "../migrate.ts";

/**
 * Two conversation indexes every commit rewrote for no read (ADR 0191): `conversations_by_status`, which no query uses
 * (the active conversations are found by a scan of a small table), and the `updated_at` in `conversations_by_session`,
 * which each committed event moves. A session's conversations are found by `session_id` alone and sorted in memory
 * (a session holds a few). A send then writes 15.4 pages instead of 17.4, a turn's end 4.7 instead of 6.8
 * (`bench/commit-pages.ts`).
 */
export const migration0022: Migration = {
  version: 22,
  name: "conversation-indexes-commits-leave-alone",
  sql: `
DROP INDEX conversations_by_status;
DROP INDEX conversations_by_session;
CREATE INDEX conversations_by_session ON conversations (session_id);
`,
};

import type { Migration } from "../migrate.ts";

/**
 * The CLI processes this server launched (their guard's pid, which leads the process group, its kernel start time, and
 * the random tag in the environment of every process of the launch), so a server restarted after a crash finds what is left of them and stops it before resuming (ADR 0008).
 */
export const migration0009: Migration = {
  version: 9,
  name: "cli-processes",
  sql: `
CREATE TABLE cli_processes (
  pid INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  start_time TEXT,
  tag TEXT,
  started_at INTEGER NOT NULL
) STRICT;
`,
};

import type { Migration } from "../migrate.ts";

/**
 * `terminals.ended_by`: how the server that ran an ended terminal went, `stop` (its own clean stop recorded it) or
 * `crash` (the next start found it still open); null on notices from before. `terminals.seen_at`: when the running
 * server last recorded it open, the time a crash's notice says it was last seen.
 */
export const migration0027: Migration = {
  version: 27,
  name: "terminal-ended-by",
  sql: `
ALTER TABLE terminals ADD COLUMN ended_by TEXT CHECK (ended_by IN ('stop', 'crash'));
ALTER TABLE terminals ADD COLUMN seen_at INTEGER;
`,
};

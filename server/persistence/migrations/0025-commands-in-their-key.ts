import type { Migration } from "../migrate.ts";

/**
 * A command's answer is stored in the transaction of the send it answers (ADR 0208), and there it wrote three
 * B-trees: the table by rowid, its key `(conversation_id, command_id)` and `commands_by_age`. No query reads by age
 * (only `CommandRepo.prune`, which nothing calls, and a scan of this small table serves it), and every read is by the
 * key, so the table is kept in its key (`WITHOUT ROWID`, its rows are ~100 bytes) and the age index goes (ADR 0299):
 * a send's commit writes ~15 WAL frames instead of ~17 (`bun bench/checkpoint-pages.ts`).
 */
export const migration0025: Migration = {
  version: 25,
  name: "commands-in-their-key",
  sql: `
CREATE TABLE commands_keyed (
  conversation_id TEXT NOT NULL,
  command_id TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, command_id)
) STRICT, WITHOUT ROWID;
INSERT INTO commands_keyed (conversation_id, command_id, result, created_at)
  SELECT conversation_id, command_id, result, created_at FROM commands;
DROP TABLE commands;
ALTER TABLE commands_keyed RENAME TO commands;
`,
};

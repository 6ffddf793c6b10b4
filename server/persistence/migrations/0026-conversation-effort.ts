import type { Migration } from "../migrate.ts";

/** `conversations.effort`: the effort level the user chose for a conversation (`--effort`); null leaves it to the CLI. */
export const migration0026: Migration = {
  version: 26,
  name: "conversation-effort",
  sql: `
ALTER TABLE conversations ADD COLUMN effort TEXT CHECK (effort IN ('low', 'medium', 'high', 'xhigh', 'max'));
`,
};

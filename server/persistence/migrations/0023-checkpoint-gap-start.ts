import type { Migration } from "../migrate.ts";

/**
 * A turn's checkpoint keeps the work tree at the end of the folder's previous turn when no turn ran between (ADR 0252):
 * a file absent there and present at the checkpoint was made by hand in that gap, which a rewind's preview says.
 */
export const migration0023: Migration = {
  version: 23,
  name: "checkpoint-gap-start",
  sql: `
ALTER TABLE checkpoints ADD COLUMN gap_start_tree TEXT;
`,
};

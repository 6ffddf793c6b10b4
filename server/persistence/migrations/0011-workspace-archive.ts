import type { Migration } from "../migrate.ts";

/** Removing a workspace archives it (history kept, restorable) unless the user chose to delete its history too. */
export const migration0011: Migration = {
  version: 11,
  name: "workspace-archive",
  sql: `ALTER TABLE workspaces ADD COLUMN archived_at INTEGER;`,
};

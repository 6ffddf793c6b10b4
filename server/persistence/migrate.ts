import { AppError } from "../../shared/protocol/errors.ts";
import type { Db } from "./db.ts";

/** One numbered schema step. Versions start at 1 and never change once released. */
export type Migration = { version: number; name: string; sql: string };

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`;

/** Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction; returns their versions. */
export function runMigrations(db: Db, migrations: readonly Migration[], now: () => number = Date.now): number[] {
  assertOrdered(migrations);
  db.exec(CREATE_LEDGER);
  assertNotNewer(db, migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    const isApplied = db.transaction(() => {
      // Checked inside the write lock: another process may have migrated between our read and our BEGIN.
      if (db.get("SELECT 1 AS one FROM schema_migrations WHERE version = $version", { version: migration.version })) {
        return false;
      }
      db.exec(migration.sql);
      db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)", {
        version: migration.version,
        name: migration.name,
        at: now(),
      });
      return true;
    });
    if (isApplied) applied.push(migration.version);
  }
  return applied;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new AppError("internal", `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

function assertNotNewer(db: Db, migrations: readonly Migration[]): void {
  const row = db.get<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations");
  const stored = row?.version ?? 0;
  if (stored > migrations.length) {
    throw new AppError(
      "internal",
      `the database has schema version ${stored} but this ChatML knows only ${migrations.length}; use a newer ChatML`,
    );
  }
}

import { AppError } from "../../shared/protocol/errors.ts";
import type { Db } from "./db.ts";

/** One numbered schema step. Versions start at 1 and never change once released. */
export type Migration = { version: number; name: string; sql: string };

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction; returns their versions.
 * The ledger is read once first: a database that has every migration (every start but the first after an upgrade)
 * takes no write lock and runs no transaction, where it used to run one `BEGIN IMMEDIATE` per migration (issue 16: a
 * start's time to its first answer; and a start no longer waits on another connection's write).
 */
export function runMigrations(db: Db, migrations: readonly Migration[], now: () => number = Date.now): number[] {
  assertOrdered(migrations);
  db.exec(CREATE_LEDGER);
  const recorded = new Set(db.all<{ version: number }>("SELECT version FROM schema_migrations").map((row) => row.version));
  assertNotNewer(recorded, migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    // A recorded version is never removed, so only the missing ones need the write lock.
    if (recorded.has(migration.version)) continue;
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

function assertNotNewer(recorded: ReadonlySet<number>, migrations: readonly Migration[]): void {
  const stored = Math.max(0, ...recorded);
  if (stored > migrations.length) {
    throw new AppError(
      "internal",
      `the database has schema version ${stored} but this ChatML knows only ${migrations.length}; use a newer ChatML`,
    );
  }
}

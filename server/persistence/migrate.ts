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
 *
 * SQLite's `user_version` (a number in the file's header) holds the newest version applied, written in the same
 * transaction as that migration. A database already at the newest version (every start but the first after an
 * upgrade) reads that number and nothing else: no ledger, no migration SQL, no write lock (issue 16: a start's time
 * to its first answer). Otherwise the ledger is read once and a transaction begun only for a version it does not hold,
 * checked again inside the write lock (another connection may have migrated between our read and our BEGIN).
 */
export function runMigrations(db: Db, migrations: readonly Migration[], now: () => number = Date.now): number[] {
  const newest = migrations.length;
  const stored = schemaVersion(db);
  if (stored > newest) throw newerDatabase(stored, newest);
  if (stored === newest && newest > 0) return [];
  assertOrdered(migrations);
  db.exec(CREATE_LEDGER);
  const recorded = new Set(db.all<{ version: number }>("SELECT version FROM schema_migrations").map((row) => row.version));
  const recordedNewest = Math.max(0, ...recorded);
  if (recordedNewest > newest) throw newerDatabase(recordedNewest, newest);
  const applied: number[] = [];
  for (const migration of migrations) {
    // A recorded version is never removed, so only the missing ones need the write lock.
    if (recorded.has(migration.version)) continue;
    const isApplied = db.transaction(() => {
      if (db.get("SELECT 1 AS one FROM schema_migrations WHERE version = $version", { version: migration.version })) {
        return false;
      }
      db.exec(migration.sql);
      db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)", {
        version: migration.version,
        name: migration.name,
        at: now(),
      });
      db.exec(`PRAGMA user_version = ${migration.version}`);
      return true;
    });
    if (isApplied) applied.push(migration.version);
  }
  // A database every migration of which an older ChatML applied (it wrote no user_version) is marked once, here.
  if (schemaVersion(db) < newest) db.exec(`PRAGMA user_version = ${newest}`);
  return applied;
}

/** The newest migration applied to `db`, from its header (0 for a new database, or one no ChatML marked yet). */
function schemaVersion(db: Db): number {
  return db.get<{ user_version: number }>("PRAGMA user_version")?.user_version ?? 0;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new AppError("internal", `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

function newerDatabase(stored: number, known: number): AppError {
  return new AppError("internal", `the database has schema version ${stored} but this ChatML knows only ${known}; use a newer ChatML`);
}

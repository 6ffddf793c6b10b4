import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database } from "bun:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, PAGE_CACHE_KIB, type Db } from "./db.ts";
import { runMigrations, type Migration } from "./migrate.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { countStatements } from "../test-support/statement-counter.ts";

const dirs: string[] = [];
const open: Db[] = [];

function tempPath(name = "nested/dir/chatml.db"): string {
  const dir = mkdtempSync(join(tmpdir(), "chatml-open-"));
  dirs.push(dir);
  return join(dir, name);
}

function track(db: Db): Db {
  open.push(db);
  return db;
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const pragma = (db: Db, name: string) => Object.values(db.get<Record<string, unknown>>(`PRAGMA ${name}`) ?? {})[0];

describe("openDatabase", () => {
  it("creates the parent folder and configures WAL, synchronous, foreign keys and a busy timeout", () => {
    const path = tempPath();
    const db = track(openDatabase(path));
    expect(existsSync(path)).toBe(true);
    expect(pragma(db, "journal_mode")).toBe("wal");
    expect(pragma(db, "synchronous")).toBe(1);
    expect(pragma(db, "foreign_keys")).toBe(1);
    expect(pragma(db, "busy_timeout")).toBe(5000);
  });

  it("bounds SQLite's page cache to PAGE_CACHE_KIB (a burst's written pages stayed resident in its 2 MiB default)", () => {
    const db = track(openDatabase(tempPath()));
    expect(PAGE_CACHE_KIB).toBeLessThanOrEqual(256);
    expect(pragma(db, "cache_size")).toBe(-PAGE_CACHE_KIB);
  });

  it("keeps a transaction larger than the page cache all or nothing", () => {
    const path = tempPath();
    const db = openDatabase(path);
    db.run("CREATE TABLE big (n INTEGER, body TEXT)");
    // 4 MiB of rows: many times the cache, so SQLite spills uncommitted pages to the log mid-transaction.
    const body = "x".repeat(4096);
    const fill = (from: number) => {
      for (let n = from; n < from + 1024; n++) db.run("INSERT INTO big (n, body) VALUES ($n, $body)", { n, body });
    };
    db.transaction(() => fill(0));
    expect(() =>
      db.transaction(() => {
        fill(1024);
        throw new Error("bad input halfway");
      }),
    ).toThrow("bad input halfway");
    db.close();
    const reopened = track(openDatabase(path));
    expect(reopened.get<{ rows: number; top: number }>("SELECT count(*) AS rows, max(n) AS top FROM big")).toEqual({ rows: 1024, top: 1023 });
  });

  it("supports :memory:", () => {
    const db = track(openDatabase(":memory:"));
    expect(db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'")).toHaveLength(1);
  });

  it("records each migration once and is idempotent on reopen", () => {
    const path = tempPath();
    openDatabase(path).close();
    const db = track(openDatabase(path));
    const rows = db.all<{ version: number; name: string }>("SELECT version, name FROM schema_migrations");
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(runMigrations(db, MIGRATIONS)).toEqual([]);
  });

  it("reopens an up-to-date database while another connection holds the write lock: no migration transaction is begun", () => {
    const path = tempPath();
    openDatabase(path).close();
    const writer = new Database(path);
    try {
      writer.run("BEGIN IMMEDIATE");
      // One BEGIN IMMEDIATE per migration used to wait here for the writer (the busy timeout), then fail.
      const db = track(openDatabase(path));
      expect(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM schema_migrations")?.n).toBe(MIGRATIONS.length);
    } finally {
      writer.run("ROLLBACK");
      writer.close();
    }
  });

  it("opens a database at the newest version reading only its header's user_version: no ledger, no migration SQL (issue 16)", () => {
    const path = tempPath();
    openDatabase(path).close();
    const counter = countStatements();
    counter.take();
    track(openDatabase(path));
    const ran = Object.keys(counter.take().bySql);
    // What runs is the connection's settings and the one read of the header; a start used to read the ledger too.
    expect(ran.filter((sql) => !sql.startsWith("(script) PRAGMA ") || sql.includes("schema_migrations"))).toEqual(["PRAGMA user_version"]);
  });

  it("marks a database an older ChatML migrated fully (no user_version yet) once, without running a migration again", () => {
    const path = tempPath();
    openDatabase(path).close();
    const older = new Database(path);
    older.run("PRAGMA user_version = 0");
    older.close();
    const db = track(openDatabase(path));
    expect(pragma(db, "user_version")).toBe(MIGRATIONS.length);
    expect(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM schema_migrations")?.n).toBe(MIGRATIONS.length);
    expect(runMigrations(db, MIGRATIONS)).toEqual([]);
  });

  it("applies only the new migrations of a later version", () => {
    const path = tempPath();
    openDatabase(path).close();
    const next: Migration = { version: MIGRATIONS.length + 1, name: "extra", sql: "CREATE TABLE extra (x INTEGER) STRICT;" };
    const db = track(openDatabase(path, { migrations: [...MIGRATIONS, next] }));
    expect(db.get("SELECT COUNT(*) AS n FROM extra")).toEqual({ n: 0 });
    expect(pragma(db, "user_version")).toBe(MIGRATIONS.length + 1);
    expect(runMigrations(db, [...MIGRATIONS, next])).toEqual([]);
  });

  it("rolls back a failing migration completely", () => {
    const path = tempPath();
    const broken: Migration = { version: MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE half (x); INSERT INTO missing_table VALUES (1);" };
    expect(() => openDatabase(path, { migrations: [...MIGRATIONS, broken] })).toThrow(/no such table/);
    const db = track(openDatabase(path));
    expect(pragma(db, "user_version")).toBe(MIGRATIONS.length);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'half'")).toBeNull();
    expect(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM schema_migrations")?.n).toBe(MIGRATIONS.length);
  });

  it("refuses a database from a newer version instead of guessing", () => {
    const path = tempPath();
    const next: Migration = { version: MIGRATIONS.length + 1, name: "future", sql: "CREATE TABLE future (x INTEGER) STRICT;" };
    openDatabase(path, { migrations: [...MIGRATIONS, next] }).close();
    expect(() => openDatabase(path)).toThrow(new RegExp(`schema version ${MIGRATIONS.length + 1} but this ChatML knows only ${MIGRATIONS.length}`));
  });

  it("rejects misnumbered migrations", () => {
    const wrong: Migration = { version: MIGRATIONS.length + 3, name: "gap", sql: "SELECT 1;" };
    expect(() => openDatabase(":memory:", { migrations: [...MIGRATIONS, wrong] })).toThrow(`expected ${MIGRATIONS.length + 1}`);
  });

  it("rolls back a transaction that throws", () => {
    const db = track(openDatabase(":memory:"));
    expect(() =>
      db.transaction(() => {
        db.run("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 0)");
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db.get("SELECT key FROM settings")).toBeNull();
  });

  it("keeps events append-only", () => {
    const db = track(openDatabase(":memory:"));
    db.exec(`INSERT INTO workspaces (id, name, path, created_at) VALUES ('w', 'w', '/w', 0);
      INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ('s', 'w', 's', '/w', 0, 0);
      INSERT INTO conversations (id, session_id, title, kind, permission_mode, status, created_at, updated_at)
        VALUES ('c', 's', 't', 'chat', 'default', 'idle', 0, 0);
      INSERT INTO events VALUES ('c', 1, 'notice', '{}', 0);`);
    expect(() => db.run("UPDATE events SET payload = '[]'")).toThrow(/append-only/);
  });
});

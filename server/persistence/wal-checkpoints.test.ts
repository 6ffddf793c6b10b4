import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./db.ts";
import { SQLITE_DEFAULT_PAGES, WalCheckpoints, type WalCheckpointsOptions } from "./wal-checkpoints.ts";
import { until } from "../test-support/until.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real database file with a table to fill, and its checkpointer (started). */
function setUp(options: WalCheckpointsOptions): { db: Db; path: string; checkpoints: WalCheckpoints } {
  const dir = mkdtempSync(join(tmpdir(), "chatml-wal-"));
  const path = join(dir, "chatml.db");
  const db = openDatabase(path);
  db.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
  const checkpoints = new WalCheckpoints(db, { pollMs: 10, ...options });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => db.close());
  cleanups.push(() => checkpoints.stop());
  checkpoints.start();
  return { db, path, checkpoints };
}

/** `bytes` of rows in small commits, as a streaming turn writes them. */
function write(db: Db, bytes: number): void {
  const payload = "x".repeat(3000);
  for (let written = 0; written < bytes; written += payload.length) db.transaction(() => db.run("INSERT INTO filler (payload) VALUES ($payload)", { payload }));
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const pragma = (db: Db, name: string) => Object.values(db.get<Record<string, unknown>>(`PRAGMA ${name}`) ?? {})[0];

describe("WAL checkpoints off the event loop", () => {
  it("starts its worker once the log has grown, and from then on the server's commits do not copy the log into the database file", async () => {
    // The worker's first pass is a minute away: whatever reaches the database file here, a commit put there.
    const { db, path, checkpoints } = setUp({ startAfterBytes: 64 * 1024, intervalMs: 60_000 });
    expect(checkpoints.state).toBe("waiting");
    write(db, 128 * 1024);
    await until(() => checkpoints.state === "running", "the worker to start");
    const databaseFile = sizeOf(path);
    write(db, 6 * 1024 * 1024); // ~1,500 pages: past SQLite's own 1,000, where a commit would checkpoint
    expect(sizeOf(path)).toBe(databaseFile);
    expect(sizeOf(`${path}-wal`)).toBeGreaterThan(6 * 1024 * 1024);
    expect(pragma(db, "wal_autocheckpoint")).toBe(8192);
  });

  it("copies the log into the database file from its own thread, and what it copied reads back from a new connection", async () => {
    const { db, path, checkpoints } = setUp({ startAfterBytes: 64 * 1024, intervalMs: 20 });
    write(db, 128 * 1024);
    await until(() => checkpoints.state === "running", "the worker to start");
    write(db, 6 * 1024 * 1024);
    // The file grows while the worker copies; its pass is counted once the copy is done.
    await until(() => checkpoints.passes > 0 && sizeOf(path) > 6 * 1024 * 1024, "the database file to hold the log");
    const rows = db.get<{ n: number }>("SELECT count(*) AS n FROM filler")!.n;
    const reader = new Database(path, { readonly: true });
    try {
      expect(reader.query<{ n: number }, []>("SELECT count(*) AS n FROM filler").get()!.n).toBe(rows);
    } finally {
      reader.close();
    }
  });

  it("keeps a log that is written without a pause bounded: past the backstop, a commit checkpoints and the log starts again", async () => {
    const { db, path, checkpoints } = setUp({ startAfterBytes: 64 * 1024, intervalMs: 60_000, backstopPages: 300 });
    write(db, 128 * 1024);
    await until(() => checkpoints.state === "running", "the worker to start");
    write(db, 4 * 1024 * 1024);
    // 300 pages of 4 KiB, and the commit that crossed them: the log went back to its start at least once.
    expect(sizeOf(`${path}-wal`)).toBeLessThan(2 * 1024 * 1024);
  });

  it("stops: its connection is closed (the server's close then removes the log) and commits checkpoint as SQLite's default again", async () => {
    const { db, path, checkpoints } = setUp({ startAfterBytes: 64 * 1024, intervalMs: 20 });
    write(db, 128 * 1024);
    await until(() => checkpoints.state === "running", "the worker to start");
    write(db, 512 * 1024);
    await until(() => checkpoints.passes > 0, "the worker's connection to checkpoint");
    await checkpoints.stop();
    expect(checkpoints.state).toBe("stopped");
    expect(pragma(db, "wal_autocheckpoint")).toBe(SQLITE_DEFAULT_PAGES);
    db.close();
    // SQLite deletes the log when the last connection to the database closes: the worker's was closed before.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("never starts for a database in memory, which has no log", async () => {
    const db = openDatabase(":memory:");
    cleanups.push(() => db.close());
    const checkpoints = new WalCheckpoints(db, { startAfterBytes: 0, pollMs: 10 });
    checkpoints.start();
    await Bun.sleep(50);
    expect(checkpoints.state).toBe("waiting");
    await checkpoints.stop();
  });
});

import { describe, expect, it } from "vitest";
import { openDatabase } from "../db.ts";
import { runMigrations } from "../migrate.ts";
import { MIGRATIONS } from "./index.ts";

describe("migration conversation-indexes-commits-leave-alone", () => {
  /** A database migrated up to (not including) 0022, with a session of three conversations updated at different times. */
  function databaseBefore0022() {
    const before = MIGRATIONS.findIndex((m) => m.name === "conversation-indexes-commits-leave-alone");
    const db = openDatabase(":memory:", { migrations: MIGRATIONS.slice(0, before) });
    db.run("INSERT INTO workspaces (id, name, path, created_at) VALUES ('wsp_1', 'w', '/tmp/w', 0)");
    db.run("INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ('ses_1', 'wsp_1', 's', '/tmp/w', 0, 0)");
    for (const [id, updatedAt, status] of [["cnv_a", 30, "idle"], ["cnv_b", 10, "running"], ["cnv_c", 20, "ready"]] as const) {
      db.run("INSERT INTO conversations (id, session_id, title, kind, permission_mode, status, created_at, updated_at) VALUES ($id, 'ses_1', 't', 'task', 'default', $status, 0, $updatedAt)", {
        id,
        status,
        updatedAt,
      });
    }
    return db;
  }
  const indexedColumns = (db: ReturnType<typeof openDatabase>) =>
    db
      .all<{ name: string }>("SELECT name FROM pragma_index_list('conversations') WHERE origin = 'c'")
      .flatMap(({ name }) => db.all<{ name: string }>(`SELECT name FROM pragma_index_info('${name}')`).map((column) => column.name));

  it("leaves no index on what every commit moves (updated_at, status), and keeps the session's conversations found by index, newest first", () => {
    const db = databaseBefore0022();
    expect(indexedColumns(db)).toEqual(expect.arrayContaining(["updated_at", "status"]));
    runMigrations(db, MIGRATIONS);
    expect(indexedColumns(db)).toEqual(["session_id"]);
    const bySession = "SELECT id FROM conversations WHERE session_id = 'ses_1' ORDER BY updated_at DESC, id";
    expect(db.all<{ id: string }>(bySession).map((row) => row.id)).toEqual(["cnv_a", "cnv_c", "cnv_b"]);
    const plan = db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${bySession}`).map((row) => row.detail).join("; ");
    expect(plan).toContain("USING INDEX conversations_by_session (session_id=?)");
    db.close();
  });
});

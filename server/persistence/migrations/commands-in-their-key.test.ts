import { describe, expect, it } from "vitest";
import { CommandRepo } from "../command-repo.ts";
import { openDatabase } from "../db.ts";
import { runMigrations } from "../migrate.ts";
import { MIGRATIONS } from "./index.ts";

describe("migration commands-in-their-key", () => {
  /** A database migrated up to (not including) 0025, holding the answers of two conversations' commands. */
  function databaseBefore0025() {
    const before = MIGRATIONS.findIndex((m) => m.name === "commands-in-their-key");
    const db = openDatabase(":memory:", { migrations: MIGRATIONS.slice(0, before) });
    const answers = [["cnv_a", "cmd_1", '{"messageId":"msg_1"}', 10], ["cnv_a", "cmd_2", '{"ok":true}', 20], ["cnv_b", "cmd_1", "null", 30]] as const;
    for (const [scope, commandId, result, at] of answers) {
      db.run("INSERT INTO commands (conversation_id, command_id, result, created_at) VALUES ($scope, $commandId, $result, $at)", { scope, commandId, result, at });
    }
    return db;
  }
  const btreesOf = (db: ReturnType<typeof openDatabase>) =>
    db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE tbl_name = 'commands' AND rootpage > 0 ORDER BY name").map((row) => row.name);

  it("keeps every stored answer, found by its key in the one B-tree a send now writes", () => {
    const db = databaseBefore0025();
    expect(btreesOf(db)).toEqual(["commands", "commands_by_age", "sqlite_autoindex_commands_1"]);
    runMigrations(db, MIGRATIONS);
    expect(btreesOf(db)).toEqual(["commands"]);
    const rows = db.all("SELECT conversation_id, command_id, result, created_at FROM commands ORDER BY conversation_id, command_id");
    expect(rows).toEqual([
      { conversation_id: "cnv_a", command_id: "cmd_1", result: '{"messageId":"msg_1"}', created_at: 10 },
      { conversation_id: "cnv_a", command_id: "cmd_2", result: '{"ok":true}', created_at: 20 },
      { conversation_id: "cnv_b", command_id: "cmd_1", result: "null", created_at: 30 },
    ]);
    const plan = db.all<{ detail: string }>("EXPLAIN QUERY PLAN SELECT result FROM commands WHERE conversation_id = 'cnv_a' AND command_id = 'cmd_1'").map((row) => row.detail).join("; ");
    expect(plan).toContain("USING PRIMARY KEY (conversation_id=? AND command_id=?)");
    db.close();
  });

  it("answers a retried command with its first answer after the migration, and still forgets old answers", () => {
    const db = databaseBefore0025();
    runMigrations(db, MIGRATIONS);
    const commands = new CommandRepo(db, () => 40);
    expect(commands.remember("cnv_a", "cmd_1", { messageId: "msg_other" })).toEqual({ messageId: "msg_1" });
    expect(commands.remember("cnv_a", "cmd_3", { ok: true })).toEqual({ ok: true });
    expect(commands.prune(25)).toBe(2);
    expect(commands.find("cnv_a", "cmd_2")).toBeUndefined();
    expect(commands.find("cnv_b", "cmd_1")).toBeNull();
    expect(commands.find("cnv_a", "cmd_3")).toEqual({ ok: true });
    db.close();
  });
});

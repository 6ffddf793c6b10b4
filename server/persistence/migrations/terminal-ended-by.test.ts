import { describe, expect, it } from "vitest";
import { newId, type SessionId } from "../../../shared/ids.ts";
import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { openDatabase } from "../db.ts";
import { runMigrations } from "../migrate.ts";
import { TerminalRepo } from "../terminal-repo.ts";
import { MIGRATIONS } from "./index.ts";

describe("migration terminal-ended-by", () => {
  it("keeps a notice from before it, and one left open before it ends at the next start without a guessed cause or time", () => {
    const before = MIGRATIONS.findIndex((m) => m.name === "terminal-ended-by");
    const db = openDatabase(":memory:", { migrations: MIGRATIONS.slice(0, before) });
    const [workspaceId, sessionId] = [newId("workspace"), newId("session") as SessionId];
    db.run("INSERT INTO workspaces (id, name, path, created_at) VALUES ($workspaceId, 'w', '/tmp/w', 0)", { workspaceId });
    db.run("INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ($sessionId, $workspaceId, 's', '/tmp/w', 0, 0)", { sessionId, workspaceId });
    const info = (name: string): TerminalInfo => ({ id: newId("terminal"), sessionId, name, kind: "shell", conversationId: null, command: ["/bin/bash"], status: "running", exitCode: null, problem: null, cols: 80, rows: 24, createdAt: 1 });
    const [noticed, open] = [info("noticed"), info("open")];
    db.run("INSERT INTO terminals (id, session_id, info, ended_at) VALUES ($id, $sessionId, $info, 500)", { id: noticed.id, sessionId, info: JSON.stringify(noticed) });
    db.run("INSERT INTO terminals (id, session_id, info, ended_at) VALUES ($id, $sessionId, $info, NULL)", { id: open.id, sessionId, info: JSON.stringify(open) });
    runMigrations(db, MIGRATIONS);

    const terminals = new TerminalRepo(db);
    terminals.endOpen(900, "crash");
    expect(terminals.ended(sessionId)).toEqual([
      expect.objectContaining({ id: noticed.id, endedAt: 500 }),
      expect.objectContaining({ id: open.id, endedAt: 900 }),
    ]);
    expect(terminals.ended(sessionId).map((t) => t.endedBy)).toEqual([undefined, undefined]);
    expect(() => db.run("UPDATE terminals SET ended_by = 'power' WHERE id = $id", { id: open.id })).toThrow(/CHECK/);
    db.close();
  });
});

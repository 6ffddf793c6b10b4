import { describe, expect, it } from "vitest";
import { ConversationRepo } from "../conversation-repo.ts";
import { openDatabase } from "../db.ts";
import { runMigrations } from "../migrate.ts";
import { MIGRATIONS } from "./index.ts";
import { newId } from "../../../shared/ids.ts";

describe("migration conversation-effort", () => {
  it("leaves a conversation written before it at the CLI's default effort, then keeps a level and refuses an unknown one", () => {
    const before = MIGRATIONS.findIndex((m) => m.name === "conversation-effort");
    const db = openDatabase(":memory:", { migrations: MIGRATIONS.slice(0, before) });
    const [workspaceId, sessionId, id] = [newId("workspace"), newId("session"), newId("conversation")];
    db.run("INSERT INTO workspaces (id, name, path, created_at) VALUES ($workspaceId, 'w', '/tmp/w', 0)", { workspaceId });
    db.run("INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ($sessionId, $workspaceId, 's', '/tmp/w', 0, 0)", { sessionId, workspaceId });
    db.run("INSERT INTO conversations (id, session_id, title, kind, permission_mode, status, created_at, updated_at) VALUES ($id, $sessionId, 't', 'chat', 'default', 'idle', 0, 0)", { id, sessionId });
    runMigrations(db, MIGRATIONS);
    const conversations = new ConversationRepo(db);
    expect(conversations.get(id)?.effort).toBeNull();
    expect(conversations.update(id, { effort: "xhigh" }).effort).toBe("xhigh");
    expect(() => db.run("UPDATE conversations SET effort = 'extreme' WHERE id = $id", { id })).toThrow(/CHECK/);
    db.close();
  });
});

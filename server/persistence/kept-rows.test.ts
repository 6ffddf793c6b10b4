import { Database } from "bun:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { openTempDb, seedConversation, type TempDb } from "./test-support.ts";

/*
 * ConversationRepo.get serves a kept row without SQL (ADR 0132), so every path that writes a conversation row must
 * make the next read see the write. Each case writes by one path and reads by get().
 */
describe("kept conversation rows", () => {
  let temp: TempDb;
  afterEach(() => temp.cleanup());

  function seeded() {
    temp = openTempDb();
    const { repos, db } = temp;
    const { workspace, session, conversation } = seedConversation(repos, "/tmp/kept-rows-a");
    const other = repos.conversations.create({ sessionId: session.id });
    return { db, repos, workspace, session, id: conversation.id, otherId: other.id };
  }

  it("serves the same frozen value while the row is not written, and a write to another row keeps it", () => {
    const { db, repos, id, otherId } = seeded();
    const first = repos.conversations.get(id)!;
    expect(repos.conversations.get(id)).toBe(first);
    expect(() => Object.assign(first, { title: "changed in place" })).toThrow(TypeError);
    repos.conversations.update(otherId, { title: "the other one" });
    db.run("UPDATE conversations SET status = 'running' WHERE id = $id", { id: otherId });
    expect(repos.conversations.get(id)).toBe(first);
    expect(repos.conversations.get(otherId)?.status).toBe("running");
  });

  it("sees the repo's own updates, the event log's projection and setClosed", () => {
    const { repos, id } = seeded();
    repos.conversations.get(id);
    repos.conversations.update(id, { title: "renamed" });
    expect(repos.conversations.get(id)?.title).toBe("renamed");
    repos.events.appendBatch(id, [{ type: "conversation.status.changed", status: "running", reason: null }], 2_000);
    expect(repos.conversations.get(id)).toMatchObject({ status: "running", lastSeq: 1, updatedAt: 2_000 });
    repos.conversations.setClosed(id, 3_000);
    expect(repos.conversations.get(id)?.closedAt).toBe(3_000);
  });

  it("sees SQL written elsewhere: a statement for every row, a script, and the raw connection", () => {
    const { db, repos, id } = seeded();
    repos.conversations.get(id);
    db.run("UPDATE conversations SET title = 'all of them'");
    expect(repos.conversations.get(id)?.title).toBe("all of them");
    db.exec("UPDATE conversations SET title = 'by a script'");
    expect(repos.conversations.get(id)?.title).toBe("by a script");
    db.sqlite.run("UPDATE conversations SET title = 'raw'");
    expect(repos.conversations.get(id)?.title).toBe("raw");
    db.run("UPDATE conversations SET title = (SELECT 'sub' WHERE 1) WHERE id = $id", { id });
    expect(repos.conversations.get(id)?.title).toBe("sub");
  });

  it("sees a write read back through get or all (RETURNING), and a plain query keeps the row", () => {
    const { db, repos, id } = seeded();
    const first = repos.conversations.get(id)!;
    db.get("SELECT title, replace(title, 'a', 'b') AS updated FROM conversations WHERE id = $id", { id });
    expect(repos.conversations.get(id)).toBe(first);
    db.get("UPDATE conversations SET title = 'returned one' WHERE id = $id RETURNING id", { id });
    expect(repos.conversations.get(id)?.title).toBe("returned one");
    db.all("UPDATE conversations SET title = 'returned all' RETURNING id");
    expect(repos.conversations.get(id)?.title).toBe("returned all");
  });

  it("forgets what a rolled-back transaction wrote, even when it was read inside it", () => {
    const { db, repos, id } = seeded();
    repos.conversations.get(id);
    expect(() =>
      db.transaction(() => {
        repos.conversations.update(id, { title: "never committed" });
        expect(repos.conversations.get(id)?.title).toBe("never committed");
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(repos.conversations.get(id)?.title).toBe("New conversation");
  });

  it("is gone after its delete and after the cascades of its session's and workspace's deletes", () => {
    const { db, repos, session, id, otherId } = seeded();
    repos.conversations.get(id);
    repos.conversations.remove(id);
    expect(repos.conversations.get(id)).toBeNull();
    repos.conversations.get(otherId);
    repos.sessions.remove(session.id);
    expect(repos.conversations.get(otherId)).toBeNull();

    const again = seedConversation(repos, "/tmp/kept-rows-b");
    repos.conversations.get(again.conversation.id);
    repos.workspaces.remove(again.workspace.id);
    expect(repos.conversations.get(again.conversation.id)).toBeNull();

    const raw = seedConversation(repos, "/tmp/kept-rows-c");
    repos.conversations.get(raw.conversation.id);
    db.run("DELETE FROM sessions WHERE workspace_id = $workspaceId", { workspaceId: raw.workspace.id });
    expect(repos.conversations.get(raw.conversation.id)).toBeNull();
  });

  it("keeps the row an event's commit wrote, changed as SQL changed it, rather than reading and decoding it again", () => {
    const { db, repos, id } = seeded();
    repos.conversations.update(id, { title: "renamed", model: "opus", permissionMode: "plan", cliSessionId: "cli-1", transport: "stdio" });
    repos.conversations.get(id);
    const status = { type: "conversation.status.changed", status: "running", reason: "a send" } as const;
    repos.events.appendBatch(id, [status], 2_000);
    // Another connection's write is one Db cannot see: a kept row is served as it was, an SQL read would show it.
    const other = new Database(db.path);
    other.run("UPDATE conversations SET title = 'behind its back' WHERE id = ?", [id]);
    other.close();
    const kept = repos.conversations.get(id)!;
    expect(kept).toMatchObject({ status: "running", statusReason: "a send", lastSeq: 1, updatedAt: 2_000, title: "renamed" });
    expect(Object.isFrozen(kept)).toBe(true);
    db.run("UPDATE conversations SET title = 'renamed' WHERE id = $id", { id });
    expect(repos.conversations.get(id)).toEqual(kept);
  });

  it("forgets an amended row when the commit that wrote it rolls back", () => {
    const { db, repos, id } = seeded();
    repos.conversations.get(id);
    expect(() =>
      db.transaction(() => {
        repos.events.appendBatch(id, [{ type: "conversation.status.changed", status: "running", reason: null }], 2_000);
        expect(repos.conversations.get(id)?.status).toBe("running");
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(repos.conversations.get(id)).toMatchObject({ status: "idle", lastSeq: 0 });
  });

  it("sees a stored row made malformed, loudly", () => {
    const { db, repos, id } = seeded();
    repos.conversations.get(id);
    db.run("UPDATE conversations SET status = 'nonsense' WHERE id = $id", { id });
    expect(() => repos.conversations.get(id)).toThrow(/conversation/);
  });
});

describe("kept session, workspace and budget rows", () => {
  let temp: TempDb;
  afterEach(() => temp.cleanup());

  it("sees every write to a session: the repo's updates, a quiet one, SQL, and its workspace's delete", () => {
    temp = openTempDb();
    const { repos, db } = temp;
    const { workspace, session } = seedConversation(repos, "/tmp/kept-rows-s");
    const first = repos.sessions.get(session.id)!;
    expect(repos.sessions.get(session.id)).toBe(first);
    repos.sessions.update(session.id, { title: "named" });
    expect(repos.sessions.get(session.id)?.title).toBe("named");
    repos.sessions.update(session.id, { priority: "high" }, { isQuiet: true });
    expect(repos.sessions.get(session.id)?.priority).toBe("high");
    db.run("UPDATE sessions SET title = 'by SQL' WHERE workspace_id = $workspaceId", { workspaceId: workspace.id });
    expect(repos.sessions.get(session.id)?.title).toBe("by SQL");
    repos.workspaces.remove(workspace.id);
    expect(repos.sessions.get(session.id)).toBeNull();
  });

  it("sees every write to a workspace", () => {
    temp = openTempDb();
    const { repos, db } = temp;
    const { workspace } = seedConversation(repos, "/tmp/kept-rows-w");
    expect(repos.workspaces.get(workspace.id)).toBe(repos.workspaces.get(workspace.id));
    repos.workspaces.rename(workspace.id, "renamed");
    expect(repos.workspaces.get(workspace.id)?.name).toBe("renamed");
    db.run("UPDATE workspaces SET name = 'by SQL' WHERE path = $path", { path: "/tmp/kept-rows-w" });
    expect(repos.workspaces.get(workspace.id)?.name).toBe("by SQL");
    repos.workspaces.remove(workspace.id);
    expect(repos.workspaces.get(workspace.id)).toBeNull();
  });

  it("keeps a missing budget, and sees limits set, changed and removed, and a conversation's delete", () => {
    temp = openTempDb();
    const { repos } = temp;
    const { conversation, workspace } = seedConversation(repos, "/tmp/kept-rows-b");
    expect(repos.budgets.limits("conversation", conversation.id)).toBeNull();
    const limits = { maxCostUsd: 1, maxTurns: null, maxThinkingTokens: null };
    repos.budgets.setLimits("conversation", conversation.id, limits);
    expect(repos.budgets.limits("conversation", conversation.id)).toEqual(limits);
    expect(repos.budgets.limits("workspace", workspace.id)).toBeNull();
    repos.budgets.setLimits("conversation", conversation.id, { ...limits, maxTurns: 3 });
    expect(repos.budgets.limits("conversation", conversation.id)?.maxTurns).toBe(3);
    repos.budgets.setLimits("conversation", conversation.id, null);
    expect(repos.budgets.limits("conversation", conversation.id)).toBeNull();
    repos.budgets.setLimits("conversation", conversation.id, limits);
    repos.budgets.limits("conversation", conversation.id);
    repos.conversations.remove(conversation.id);
    expect(repos.budgets.limits("conversation", conversation.id)).toBeNull();
  });
});

describe("kept settings", () => {
  let temp: TempDb;
  afterEach(() => temp.cleanup());

  it("serves the same settings until they are written, by the repo or by SQL, and forgets a rolled-back write", () => {
    temp = openTempDb();
    const { repos, db } = temp;
    const first = repos.settings.get();
    expect(repos.settings.get()).toBe(first);
    expect(repos.settings.set("jobConcurrency", 3).jobConcurrency).toBe(3);
    expect(repos.settings.get().jobConcurrency).toBe(3);
    db.run("UPDATE settings SET value = '4' WHERE key = 'jobConcurrency'");
    expect(repos.settings.get().jobConcurrency).toBe(4);
    expect(() =>
      db.transaction(() => {
        repos.settings.set("jobConcurrency", 5);
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(repos.settings.get().jobConcurrency).toBe(4);
  });
});

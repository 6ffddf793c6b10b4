import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { openTempDb, seedConversation, type TempDb } from "./test-support.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

describe("WorkspaceRepo", () => {
  it("creates, finds by id and path, lists and renames", () => {
    const workspace = t.repos.workspaces.create({ path: "/home/me/app" });
    expect(workspace).toMatchObject({ name: "app", path: "/home/me/app", createdAt: 1_000 });
    expect(workspace.id).toMatch(/^wsp_/);
    expect(t.repos.workspaces.get(workspace.id)).toEqual(workspace);
    expect(t.repos.workspaces.getByPath("/home/me/app")).toEqual(workspace);
    expect(t.repos.workspaces.getByPath("/nope")).toBeNull();
    expect(t.repos.workspaces.rename(workspace.id, "App").name).toBe("App");
    expect(t.repos.workspaces.list().map((w) => w.name)).toEqual(["App"]);
  });

  it("answers conflict for a second workspace on the same path, not_found for renaming a missing one", () => {
    t.repos.workspaces.create({ path: "/a", name: "a" });
    expect(() => t.repos.workspaces.create({ path: "/a" })).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(() => t.repos.workspaces.rename(newId("workspace"), "x")).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("SessionRepo", () => {
  it("creates, lists per workspace, finds the default and touches", () => {
    const a = t.repos.workspaces.create({ path: "/a" });
    const b = t.repos.workspaces.create({ path: "/b" });
    const main = t.repos.sessions.create({ workspaceId: a.id, name: "main", cwd: "/a" });
    const tree = t.repos.sessions.create({ workspaceId: a.id, name: "feature", cwd: "/a/.worktrees/feature" });
    t.repos.sessions.create({ workspaceId: b.id, name: "b", cwd: "/b" });
    expect(t.repos.sessions.get(main.id)).toEqual(main);
    expect(t.repos.sessions.list(a.id).map((s) => s.id).sort()).toEqual([main.id, tree.id].sort());
    expect(t.repos.sessions.list()).toHaveLength(3);
    t.repos.sessions.touch(tree.id, 5_000);
    expect(t.repos.sessions.list(a.id)[0]?.id).toBe(tree.id);
    expect(t.repos.sessions.findDefaultForWorkspace(a.id)?.id).toBe(main.id);
  });

  it("refuses a session of a missing workspace", () => {
    const create = () => t.repos.sessions.create({ workspaceId: newId("workspace"), name: "x", cwd: "/x" });
    expect(create).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => t.repos.sessions.touch(newId("session"))).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("ConversationRepo", () => {
  it("creates an idle conversation with defaults", () => {
    const { conversation, session } = seedConversation(t.repos);
    expect(conversation).toMatchObject({
      sessionId: session.id,
      title: "New conversation",
      kind: "chat",
      model: null,
      permissionMode: "default",
      cliSessionId: null,
      transport: null,
      status: "idle",
      statusReason: null,
      lastSeq: 0,
    });
    expect(t.repos.conversations.get(conversation.id)).toEqual(conversation);
    expect(t.repos.conversations.list(session.id)).toEqual([conversation]);
  });

  it("updates only the patched fields and lists the active ones", () => {
    const { conversation, session } = seedConversation(t.repos);
    const other = t.repos.conversations.create({ sessionId: session.id, title: "Other", kind: "review", model: "opus" });
    const updated = t.repos.conversations.update(conversation.id, { status: "running", cliSessionId: "cli-1", transport: "stdio" });
    expect(updated).toMatchObject({ status: "running", cliSessionId: "cli-1", transport: "stdio", title: "New conversation" });
    t.repos.conversations.update(other.id, { status: "exited", statusReason: "killed by SIGKILL" });
    expect(t.repos.conversations.listActive().map((c) => c.id)).toEqual([conversation.id]);
    expect(t.repos.conversations.update(conversation.id, { model: null }).model).toBeNull();
  });

  it("lists a workspace's conversations in one read, in the order listing session by session gives, and no other's", () => {
    const a = t.repos.workspaces.create({ path: "/a" });
    const main = t.repos.sessions.create({ workspaceId: a.id, name: "main", cwd: "/a" });
    const tree = t.repos.sessions.create({ workspaceId: a.id, name: "feature", cwd: "/a/.worktrees/feature" });
    const empty = t.repos.sessions.create({ workspaceId: a.id, name: "empty", cwd: "/a/.worktrees/empty" });
    const inMain = [t.repos.conversations.create({ sessionId: main.id }), t.repos.conversations.create({ sessionId: main.id, title: "Second" })];
    const inTree = t.repos.conversations.create({ sessionId: tree.id, kind: "review" });
    const { conversation: elsewhere } = seedConversation(t.repos, "/b");
    // The session touched last comes first, though its conversation was made last.
    t.repos.sessions.touch(tree.id, 5_000);
    const sessionBySession = t.repos.sessions.list(a.id).flatMap((session) => t.repos.conversations.list(session.id));
    const listed = t.repos.conversations.listInWorkspace(a.id);
    expect(listed).toEqual(sessionBySession);
    expect(listed.map((c) => c.id).sort()).toEqual([...inMain, inTree].map((c) => c.id).sort());
    expect(listed.map((c) => c.sessionId)).toEqual([tree.id, main.id, main.id]);
    expect(listed.some((c) => c.id === elsewhere.id || c.sessionId === empty.id)).toBe(false);
    expect(t.repos.conversations.listInWorkspace(newId("workspace"))).toEqual([]);
  });

  it("answers not_found for a missing session or conversation", () => {
    expect(() => t.repos.conversations.create({ sessionId: newId("session") })).toThrow(expect.objectContaining({ code: "not_found" }));
    const update = () => t.repos.conversations.update(newId("conversation"), { title: "x" });
    expect(update).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(t.repos.conversations.get(newId("conversation"))).toBeNull();
  });
});

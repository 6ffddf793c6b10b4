import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import { assistantMessage, textPart } from "../../persistence/test-support.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let folder: string;

beforeEach(() => {
  kit = makeWorkspaceKit();
  folder = mkdtempSync(join(tmpdir(), "chatml-removal-"));
});
afterEach(() => {
  kit.close();
  rmSync(folder, { recursive: true, force: true });
  rmSync(kit.dataDir, { recursive: true, force: true });
});

/** What the user confirmed: this many conversations, and no goals or jobs. */
const only = (conversations: number) => ({ conversations, goalIds: [], jobIds: [] });

/** A folder workspace with one conversation that said something searchable, busy in a turn. */
async function workspaceWithHistory() {
  const { workspace, conversation } = await kit.workspaces.startInFolder({ path: folder });
  const message = assistantMessage([textPart("the quarterly reconciliation script is fixed")]);
  kit.t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
  kit.t.repos.conversations.update(conversation.id, { status: "running" });
  return { workspace, conversation };
}

describe("removing a workspace keeps its history unless the user deletes it explicitly", () => {
  it("archives: conversations, messages and search stay; running work stops; new work is refused until restored", async () => {
    const { workspace, conversation } = await workspaceWithHistory();
    const archived = await kit.workspaces.archiveWorkspace(workspace.id);
    expect(archived.archivedAt).toEqual(expect.any(Number));
    expect(kit.stopped).toEqual([conversation.id]);
    expect(kit.workspaces.getConversation(conversation.id).id).toBe(conversation.id);
    expect((await kit.t.repos.search.search("reconciliation", 5)).map((h) => h.conversationId)).toEqual([conversation.id]);
    expect(kit.workspaces.holdings(workspace.id)).toMatchObject({ sessions: 1, conversations: 1 });
    await expect(kit.workspaces.requireHealthy(workspace.id)).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("Restore it first") });

    const restored = await kit.workspaces.restoreWorkspace(workspace.id);
    expect(restored.archivedAt).toBeNull();
    expect(kit.workspaces.listConversations().map((c) => c.id)).toEqual([conversation.id]);
  });

  it("adding the removed folder again brings the same workspace and history back", async () => {
    const { workspace, conversation } = await workspaceWithHistory();
    await kit.workspaces.archiveWorkspace(workspace.id);
    const again = await kit.workspaces.startInFolder({ path: folder });
    expect(again.workspace).toMatchObject({ id: workspace.id, archivedAt: null });
    expect(kit.workspaces.listConversations(again.session.id).map((c) => c.id)).toContain(conversation.id);

    const repo = await makeTempRepo();
    try {
      const repoWorkspace = await kit.workspaces.createWorkspace({ path: repo });
      await kit.workspaces.archiveWorkspace(repoWorkspace.id);
      expect(await kit.workspaces.createWorkspace({ path: repo })).toMatchObject({ id: repoWorkspace.id, archivedAt: null });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("deletes history only with the count the user was shown; a stale count deletes nothing", async () => {
    const { workspace, conversation } = await workspaceWithHistory();
    await expect(kit.workspaces.deleteWorkspaceHistory(workspace.id, only(0))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("now has 1 conversation") });
    expect(kit.workspaces.getConversation(conversation.id).id).toBe(conversation.id);

    await kit.workspaces.deleteWorkspaceHistory(workspace.id, only(1));
    expect(kit.workspaces.listWorkspaces()).toEqual([]);
    expect(() => kit.workspaces.getConversation(conversation.id)).toThrow();
    expect(await kit.t.repos.search.search("reconciliation", 5)).toEqual([]);
  });

  it("without the jobs room to delete them, refuses to leave the workspace's jobs and goals pointing at nothing", async () => {
    const { workspace, conversation } = await workspaceWithHistory();
    const goal = kit.t.repos.goals.create({ workspaceId: workspace.id, title: "Keep the docs current", description: "" });
    kit.t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, goalId: goal.id, name: "Nightly", prompt: "go", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
    await expect(kit.workspaces.deleteWorkspaceHistory(workspace.id, only(1))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Its 1 goal and 1 job cannot be deleted here") });
    expect(kit.workspaces.getConversation(conversation.id).id).toBe(conversation.id);
    expect(kit.t.repos.jobs.list({ workspaceId: workspace.id })).toHaveLength(1);
  });

  it("counts the conversations again where it deletes: one started while runs were being stopped keeps everything", async () => {
    kit.close();
    rmSync(kit.dataDir, { recursive: true, force: true });
    let started: () => void = () => undefined;
    const released: string[] = [];
    // The jobs room's side, as the port has it: while it stops runs, another device starts a conversation here.
    kit = makeWorkspaceKit(undefined, async (id) => {
      started();
      return { deleteRows: () => undefined, announce: () => undefined, release: () => void released.push(id) };
    });
    const { workspace, conversation } = await workspaceWithHistory();
    started = () => void kit.workspaces.createConversation({ sessionId: conversation.sessionId, title: "Started meanwhile" });
    await expect(kit.workspaces.deleteWorkspaceHistory(workspace.id, only(1))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("now has 2 conversations, not 1") });
    expect(kit.workspaces.listConversations(conversation.sessionId).map((c) => c.id)).toContain(conversation.id);
    expect(released).toEqual([workspace.id]);
  });

  it("counts a conversation a confirmed job's run made while runs were stopped as confirmed: deleted on the first try", async () => {
    kit.close();
    rmSync(kit.dataDir, { recursive: true, force: true });
    let started: () => void = () => undefined;
    // The jobs room's side: a run of the confirmed job, set up as the deletion began, makes its conversation meanwhile.
    kit = makeWorkspaceKit(undefined, async () => {
      started();
      return { deleteRows: () => undefined, announce: () => undefined, release: () => undefined };
    });
    const { workspace, conversation } = await workspaceWithHistory();
    const job = kit.t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, goalId: null, name: "Nightly", prompt: "go", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
    started = () => void kit.workspaces.createConversation({ sessionId: conversation.sessionId, title: "Nightly · 4 May, 09:00" }, { jobId: job.id });
    // It refused ("now has 2 conversations, not 1"), and the retry went through.
    await kit.workspaces.deleteWorkspaceHistory(workspace.id, { conversations: 1, goalIds: [], jobIds: [job.id] });
    expect(kit.workspaces.listWorkspaces()).toEqual([]);
    expect(kit.workspaces.listConversations()).toEqual([]);
  });

  it("refuses when such a run made a worktree session meanwhile (its folder would stay behind the deleted row)", async () => {
    const repo = await makeTempRepo();
    kit.close();
    rmSync(kit.dataDir, { recursive: true, force: true });
    let started: () => Promise<unknown> = async () => undefined;
    kit = makeWorkspaceKit(undefined, async () => {
      await started();
      return { deleteRows: () => undefined, announce: () => undefined, release: () => undefined };
    });
    try {
      const workspace = await kit.workspaces.createWorkspace({ path: repo });
      const job = kit.t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, goalId: null, name: "Nightly", prompt: "go", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
      started = async () => kit.sessions.whenReady((await kit.sessions.create({ workspaceId: workspace.id }, { jobId: job.id })).session.id);
      await expect(kit.workspaces.deleteWorkspaceHistory(workspace.id, { conversations: 0, goalIds: [], jobIds: [job.id] })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("worktree session") });
      expect(kit.workspaces.listWorkspaces().map((w) => w.id)).toEqual([workspace.id]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("refuses to delete history while worktree sessions would leave folders behind", async () => {
    const repo = await makeTempRepo();
    try {
      const workspace = await kit.workspaces.createWorkspace({ path: repo });
      const { session } = await kit.sessions.create({ workspaceId: workspace.id });
      await kit.sessions.whenReady(session.id);
      await expect(kit.workspaces.deleteWorkspaceHistory(workspace.id, only(0))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("worktree session") });
      // Archiving keeps everything, worktrees included, so it is allowed.
      expect((await kit.workspaces.archiveWorkspace(workspace.id)).archivedAt).not.toBeNull();
      await expect(kit.sessions.create({ workspaceId: workspace.id })).rejects.toMatchObject({ code: "bad_request" });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("removing a workspace that owns nothing forgets it", () => {
  let repo: string;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("its row goes, every device is told, nothing is listed as removed, and the folder added again is a new workspace", async () => {
    const empty = await kit.workspaces.createWorkspace({ path: repo });
    const told: unknown[] = [];
    kit.bus.subscribe((message) => void (message.kind === "entity" && told.push(message.change)));
    expect(await kit.workspaces.removeWorkspace(empty.id)).toEqual({ workspace: empty, isForgotten: true });
    expect(told).toEqual([{ kind: "removed", entity: "workspace", id: empty.id }]);
    expect(kit.workspaces.listWorkspaces()).toEqual([]);
    expect((await kit.workspaces.createWorkspace({ path: repo })).id).not.toBe(empty.id);
  });

  it("an empty workspace archived before (as Remove did until now) is forgotten by a Remove", async () => {
    const archived = await kit.workspaces.archiveWorkspace((await kit.workspaces.createWorkspace({ path: repo })).id);
    expect(await kit.workspaces.removeWorkspace(archived.id)).toEqual({ workspace: archived, isForgotten: true });
    expect(kit.workspaces.listWorkspaces()).toEqual([]);
  });

  it("a job made for it after the dialog counted nothing keeps it: archived, the job still its own", async () => {
    const workspace = await kit.workspaces.createWorkspace({ path: repo });
    expect(kit.workspaces.holdings(workspace.id).jobs).toBe(0);
    const job = kit.t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, goalId: null, name: "Nightly", prompt: "go", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
    const removed = await kit.workspaces.removeWorkspace(workspace.id);
    expect(removed).toMatchObject({ isForgotten: false, workspace: { id: workspace.id, archivedAt: expect.any(Number) } });
    expect(kit.t.repos.jobs.get(job.id)?.workspaceId).toBe(workspace.id);
    expect(kit.workspaces.get(workspace.id).archivedAt).not.toBeNull();
  });

  it("a session asked for while it is forgotten is refused plainly, leaving no session without its workspace", async () => {
    const workspace = await kit.workspaces.createWorkspace({ path: repo });
    const creating = kit.sessions.create({ workspaceId: workspace.id });
    expect((await kit.workspaces.removeWorkspace(workspace.id)).isForgotten).toBe(true);
    await expect(creating).rejects.toMatchObject({ code: "not_found" });
    expect(kit.t.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM sessions")?.n).toBe(0);
  });

  it("a workspace with a worktree session, or already removed, is archived as before", async () => {
    const workspace = await kit.workspaces.createWorkspace({ path: repo });
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    await kit.sessions.whenReady(session.id);
    const first = await kit.workspaces.removeWorkspace(workspace.id);
    expect(first).toMatchObject({ isForgotten: false, workspace: { archivedAt: expect.any(Number) } });
    expect(await kit.workspaces.removeWorkspace(workspace.id)).toEqual(first);
  });
});

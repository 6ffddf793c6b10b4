import { Database } from "bun:sqlite";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspacePlans, WorkspaceHoldings } from "../../../shared/workspace-holdings.ts";
import type { Goal, Job, Run } from "../../../shared/protocol/jobs.ts";
import type { Conversation, Session, Workspace } from "../../../shared/protocol/model.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { isAlive } from "../../lib/process-group.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { call, createJob, eventually, makeRepo, runsOf } from "../jobs/jobs-test-kit.ts";

/**
 * Deleting a workspace's history with its goals and jobs (ADR 0261), through the real server and the scripted fake
 * CLI (`hang` never answers, `hello` succeeds): what the user confirmed is checked, runs are stopped, every row goes,
 * and a step that fails deletes nothing.
 */
type History = WorkspaceHoldings & { plans: WorkspacePlans };

/** The jobs' clock (`jobTuning.now`): the real one, moved on by `later` instead of sleeping. */
let ahead = 0;
const now = () => Date.now() + ahead;

describe("deleting a workspace's history with its goals and jobs", { timeout: 60_000 }, () => {
  let server: TestServer;
  let repos: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ claudeBin: await writeFakeCliBin(), env: { FAKE_CLI_VERSION: "2.1.330" }, config: { jobTuning: { now } } });
  });
  afterAll(async () => {
    await server.cleanup();
    for (const repo of repos) rmSync(repo, { recursive: true, force: true });
  });

  /** A repository workspace started in its folder: one conversation in its folder session (runs go there: no worktrees). */
  async function folderWorkspace(): Promise<{ workspace: Workspace; session: Session; conversation: Conversation }> {
    const repo = makeRepo();
    repos = [...repos, repo];
    return call(server, "/start", "POST", { path: repo });
  }

  const history = (id: string) => call<History>(server, `/workspaces/${id}/history`);
  const deleteHistory = (id: string, seen: History) =>
    api(server, `/api/workspaces/${id}/delete-history`, { method: "POST", body: JSON.stringify({ conversations: seen.conversations, goalIds: seen.plans.goals.map((g) => g.id), jobIds: seen.plans.jobs.map((j) => j.id) }) });
  const job = (workspace: Workspace, session: Session, name: string, prompt: string, schedule: unknown) => createJob(server, { workspaceId: workspace.id, name, prompt, schedule, mode: "session", sessionId: session.id });
  const daily = { kind: "interval", every: 1, unit: "days" };

  it("names the goals and jobs, and refuses (deleting nothing) when they changed since the user confirmed", async () => {
    const { workspace, session } = await folderWorkspace();
    const goal = (await call<{ goal: Goal }>(server, "/goals", "POST", { workspaceId: workspace.id, title: "Keep the docs current", shouldPlan: false })).goal;
    const nightly = await job(workspace, session, "Nightly docs pass", "hello", daily);
    const seen = await history(workspace.id);
    expect(seen.plans).toEqual({ goals: [{ id: goal.id, title: "Keep the docs current" }], jobs: [{ id: nightly.id, name: "Nightly docs pass" }] });

    await job(workspace, session, "Weekly triage", "hello", daily);
    const refused = await deleteHistory(workspace.id, seen);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/now also has the job “Weekly triage”.*nothing was deleted/);
    expect((await call<{ jobs: Job[] }>(server, `/jobs?workspaceId=${workspace.id}`)).jobs).toHaveLength(2);
    expect((await call<{ goals: Goal[] }>(server, `/goals?workspaceId=${workspace.id}`)).goals).toHaveLength(1);
    expect((await call<{ workspaces: Workspace[] }>(server, "/workspaces")).workspaces.map((w) => w.id)).toContain(workspace.id);
  });

  it("stops a running run, deletes the goals, jobs, runs and workspace, and no run of them starts after", async () => {
    const { workspace, session } = await folderWorkspace();
    await call(server, "/goals", "POST", { workspaceId: workspace.id, title: "Tidy up", shouldPlan: false });
    const hanging = await job(workspace, session, "Hangs forever", "hang", daily);
    // Due a minute from now (then made now, below): before the deletion it starts nothing that would change the count.
    const later = await job(workspace, session, "Due later", "hello", { kind: "once", at: now() + 60_000 });
    await call(server, `/jobs/${hanging.id}/run`, "POST");
    const [running] = await eventually(() => runsOf(server, hanging.id), (runs) => runs[0]?.status === "running" && runs[0].conversationId !== null, "the hanging run to run");
    const pid = await eventually(() => Promise.resolve(cliPid(server, running!.conversationId!)), (found) => found !== null, "its CLI process");

    const seen = await history(workspace.id);
    // Listed by creation time: two jobs made within one millisecond come in either order.
    expect(seen.plans.jobs.map((j) => j.name).sort()).toEqual(["Due later", "Hangs forever"]);
    const deleted = await deleteHistory(workspace.id, seen);
    expect(deleted.status).toBe(200);
    await eventually(() => Promise.resolve(isAlive(pid!)), (alive) => !alive, "the run's CLI to be stopped");

    // Another workspace's job due with "Due later" runs: the scheduler has looked since, and started nothing of these.
    const other = await folderWorkspace();
    const sentinel = await job(other.workspace, other.session, "Sentinel", "hello", { kind: "once", at: now() + 60_000 });
    ahead += 60_000;
    await call(server, `/jobs/${sentinel.id}`, "PATCH", { isEnabled: true });
    await eventually(() => runsOf(server, sentinel.id), (runs) => runs[0]?.status === "succeeded", "the sentinel run");
    const runs = (await call<{ runs: Run[] }>(server, "/runs")).runs;
    expect(runs.filter((run) => run.workspaceId === workspace.id)).toEqual([]);
    expect(await runsOf(server, later.id)).toEqual([]);
    expect((await call<{ jobs: Job[] }>(server, `/jobs?workspaceId=${workspace.id}`)).jobs).toEqual([]);
    expect((await call<{ goals: Goal[] }>(server, `/goals?workspaceId=${workspace.id}`)).goals).toEqual([]);
    expect((await api(server, `/api/jobs/${later.id}/run`, { method: "POST" })).status).toBe(404);
    expect((await call<{ workspaces: Workspace[] }>(server, "/workspaces")).workspaces.map((w) => w.id)).not.toContain(workspace.id);
  });

  it("a step that fails deletes nothing: goals, jobs, runs and conversations stay, and the jobs run again", async () => {
    const { workspace, session } = await folderWorkspace();
    await call(server, "/goals", "POST", { workspaceId: workspace.id, title: "Stays", shouldPlan: false });
    const kept = await job(workspace, session, "Kept", "hello", daily);
    // A job deleted earlier leaves its run in the workspace's history: it goes with it too.
    const gone = await job(workspace, session, "Deleted earlier", "hello", daily);
    for (const each of [kept, gone]) {
      await call(server, `/jobs/${each.id}/run`, "POST");
      await eventually(() => runsOf(server, each.id), (runs) => runs[0]?.status === "succeeded", "a finished run");
    }
    await call(server, `/jobs/${gone.id}`, "DELETE");
    const seen = await history(workspace.id);
    expect(seen).toMatchObject({ jobs: 1, runs: 2 });

    // The disk refuses the workspace's deletion, the last step (a real SQLite failure, in the server's database).
    const db = new Database(join(server.dataDir, "chatml.db"));
    try {
      db.run("CREATE TRIGGER refuse_workspace_delete BEFORE DELETE ON workspaces BEGIN SELECT RAISE(ABORT, 'the disk gave up'); END");
      const failed = await deleteHistory(workspace.id, seen);
      expect(failed.status).toBe(500);
      expect(((await failed.json()) as { error: { message: string } }).error.message).toMatch(/failed \(.*the disk gave up\): nothing was deleted/);
      expect(await history(workspace.id)).toMatchObject({ conversations: seen.conversations, goals: 1, jobs: 1, runs: 2, plans: seen.plans });
      // Not held: the job runs again.
      expect((await api(server, `/api/jobs/${kept.id}/run`, { method: "POST" })).status).toBe(201);
      await eventually(() => runsOf(server, kept.id), (runs) => runs.length === 2 && runs.every((run) => run.status === "succeeded"), "its second run");
    } finally {
      db.run("DROP TRIGGER IF EXISTS refuse_workspace_delete");
      db.close();
    }
    expect((await deleteHistory(workspace.id, await history(workspace.id))).status).toBe(200);
    expect((await call<{ runs: Run[] }>(server, "/runs")).runs.filter((run) => run.workspaceId === workspace.id)).toEqual([]);
    expect((await call<{ runs: Run[] }>(server, `/runs?jobId=${gone.id}`)).runs).toEqual([]);
  });
});

/** The pid of the conversation's CLI, as the server recorded it (read-only beside the running server). */
function cliPid(server: TestServer, conversationId: string): number | null {
  const db = new Database(join(server.dataDir, "chatml.db"), { readonly: true });
  try {
    return db.query<{ pid: number }, [string]>("SELECT pid FROM cli_processes WHERE conversation_id = ?").get(conversationId)?.pid ?? null;
  } finally {
    db.close();
  }
}

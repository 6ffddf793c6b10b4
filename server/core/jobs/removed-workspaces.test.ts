import { afterEach, describe, expect, it, vi } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { JobService } from "./job-service.ts";
import { prepareRunConversation, RunSetupError, type RunPorts } from "./run-launch.ts";

/** The jobs room's view of removed workspaces: kept by the workspace events, never stale. Real SQLite, real bus. */
let t: TempDb;
afterEach(() => t?.cleanup());

function setUp() {
  t = openTempDb();
  const { workspace } = seedConversation(t.repos);
  const bus = new EventBus();
  let now = 10_000;
  let pokes = 0;
  const jobs = new JobService({ repos: t.repos, bus, now: () => now, poke: () => void pokes++ });
  const job = jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, name: "Nightly", prompt: "Tidy up", schedule: { kind: "interval", every: 1, unit: "hours" } });
  // What the workspaces room does: store the change, then tell every room.
  const change = (patch: Partial<Pick<Workspace, "archivedAt" | "name">>) => {
    const updated = patch.name ? t.repos.workspaces.rename(workspace.id, patch.name) : t.repos.workspaces.update(workspace.id, { archivedAt: patch.archivedAt ?? null });
    bus.publish({ kind: "entity", change: { kind: "workspace", workspace: updated } });
  };
  const read = vi.spyOn(t.repos.workspaces, "get");
  return { jobs, job, workspace, bus, change, read, pokes: () => pokes, setNow: (ms: number) => (now = ms) };
}

describe("a job's removed workspace", () => {
  it("is read once while the room follows the events, not at every check of every tick (it was read at each)", () => {
    const { jobs, job, read } = setUp();
    const stop = jobs.followWorkspaces();
    for (let i = 0; i < 50; i++) expect(jobs.isActive(job)).toBe(true);
    expect(read).toHaveBeenCalledTimes(1);
    stop();
  });

  it("is still seen removed and restored: the job stops, its waiting run is cancelled, and it fires again from then", () => {
    const { jobs, job, change, setNow, workspace, bus } = setUp();
    const stop = jobs.followWorkspaces();
    expect(jobs.isActive(job)).toBe(true);
    const run = jobs.runNow(job.id).run;
    change({ archivedAt: 20_000 });
    expect(jobs.isActive(job)).toBe(false);
    expect(jobs.get(job.id)).toMatchObject({ isEnabled: true, nextFireAt: null });
    expect(t.repos.runs.get(run.id)).toMatchObject({ status: "cancelled", error: `The workspace ${workspace.name} was removed.` });
    setNow(50_000);
    change({ archivedAt: null });
    expect(jobs.isActive(job)).toBe(true);
    expect(jobs.get(job.id).nextFireAt).toBe(50_000 + 3_600_000);
    // Its history deleted: the row is gone, and so is every chance to fire.
    t.repos.workspaces.remove(workspace.id);
    bus.publish({ kind: "entity", change: { kind: "removed", entity: "workspace", id: workspace.id } });
    expect(jobs.isActive(job)).toBe(false);
    expect(jobs.get(job.id).nextFireAt).toBeNull();
    stop();
  });

  it("ignores a change that leaves it where it was (a rename or a git-state update read and refreshed every job)", () => {
    const { jobs, job, change, pokes, bus } = setUp();
    const stop = jobs.followWorkspaces();
    jobs.isActive(job);
    const list = vi.spyOn(t.repos.jobs, "list");
    const published: string[] = [];
    bus.subscribe((message) => void (message.kind === "entity" && published.push(message.change.kind)));
    const before = pokes();
    change({ name: "renamed" });
    change({ name: "again" });
    expect(list).not.toHaveBeenCalled();
    expect(pokes()).toBe(before);
    expect(published).toEqual(["workspace", "workspace"]);
    stop();
  });

  it("is read from storage when the room does not follow the events (nothing kept can go stale)", () => {
    const { jobs, job, workspace } = setUp();
    const stop = jobs.followWorkspaces();
    expect(jobs.isActive(job)).toBe(true);
    stop();
    t.repos.workspaces.update(workspace.id, { archivedAt: 30_000 });
    expect(jobs.isActive(job)).toBe(false);
  });

  it("fails a run that starts as it is removed without pausing the job (it paused it: restoring brought back a paused job)", async () => {
    const { jobs, job, workspace } = setUp();
    const run = jobs.runNow(job.id).run;
    t.repos.workspaces.update(workspace.id, { archivedAt: 20_000 });
    // The check comes before any session or conversation is made: no port is reached.
    const failure = await prepareRunConversation({ repos: t.repos, bus: new EventBus(), now: () => 20_000 }, {} as RunPorts, job, run, null).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunSetupError);
    expect(failure).toMatchObject({ shouldPauseJob: false, message: `The job's workspace ${workspace.name} was removed; the job runs again once it is restored.` });
  });
});

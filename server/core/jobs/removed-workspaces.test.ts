import { afterEach, describe, expect, it, vi } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { JobScheduler } from "./job-scheduler.ts";
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

  it("is still seen removed and restored: the job stops, its waiting run is cancelled, and it runs on in its rhythm", () => {
    const { jobs, job, change, setNow, workspace, bus } = setUp();
    const stop = jobs.followWorkspaces();
    expect(jobs.isActive(job)).toBe(true);
    const run = jobs.runNow(job.id).run;
    change({ archivedAt: 20_000 });
    expect(jobs.isActive(job)).toBe(false);
    expect(jobs.get(job.id)).toMatchObject({ isEnabled: true, nextFireAt: 10_000 + 3_600_000 });
    expect(t.repos.runs.get(run.id)).toMatchObject({ status: "cancelled", error: `The workspace ${workspace.name} was removed.` });
    setNow(50_000);
    change({ archivedAt: null });
    expect(jobs.isActive(job)).toBe(true);
    // Counted from when it was saved, not from the restore (it was 50_000 + 3_600_000).
    expect(jobs.get(job.id).nextFireAt).toBe(10_000 + 3_600_000);
    // Its history deleted: the row is gone, and so is every chance to fire.
    t.repos.workspaces.remove(workspace.id);
    bus.publish({ kind: "entity", change: { kind: "removed", entity: "workspace", id: workspace.id } });
    expect(jobs.isActive(job)).toBe(false);
    stop();
  });

  it("shows no next fire while it is removed (the API kept answering one that would not fire), and shows it again on restore", () => {
    const { jobs, job, change, bus } = setUp();
    const stop = jobs.followWorkspaces();
    const shown: (number | null)[] = [];
    bus.subscribe((message) => void (message.kind === "entity" && message.change.kind === "job" && shown.push(message.change.job.nextFireAt)));
    const stored = job.nextFireAt;
    change({ archivedAt: 20_000 });
    expect(jobs.list().map((j) => j.nextFireAt)).toEqual([null]);
    expect(jobs.shown(jobs.get(job.id)).nextFireAt).toBeNull();
    expect(jobs.get(job.id).nextFireAt).toBe(stored); // kept for the restore (ADR 0293)
    expect(shown).toEqual([null]); // every device drops it too
    change({ archivedAt: null });
    expect(jobs.list().map((j) => j.nextFireAt)).toEqual([stored]);
    expect(shown).toEqual([null, stored]);
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

/**
 * A daily job through a removal and a restore, with the real scheduler on a clock set by hand: its days count from
 * the time it was saved, and a day missed while removed is a missed fire (ADR 0293). Restoring counted it from the
 * restore: saved at 09:00 and restored at 15:40, it ran at 15:40 every day after.
 */
describe("a daily job whose repository is removed and restored", () => {
  const NY = "America/New_York";
  const inNewYork = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString("sv-SE", { timeZone: NY }) : null);

  function daily(missedPolicy: "run_once" | "skip") {
    const { jobs, workspace, change, setNow } = setUp();
    setNow(Date.UTC(2026, 4, 4, 13)); // Monday 4 May, 09:00 in New York
    const stop = jobs.followWorkspaces();
    const deps = { repos: t.repos, bus: new EventBus(), now: () => Date.UTC(2026, 4, 6, 19, 40) }; // restored Wednesday 15:40
    const unreachable = () => Promise.reject(new Error("no run starts in this test"));
    const scheduler = new JobScheduler({ ...deps, jobs, executor: { launch: unreachable, interrupt: unreachable, kill: unreachable, waitingSinceOf: () => null }, concurrency: () => 0 });
    const job = jobs.create({ ...JOB_DEFAULTS, missedPolicy, workspaceId: workspace.id, name: "Backup", prompt: "Back up", schedule: { kind: "interval", every: 1, unit: "days", timezone: NY } });
    setNow(Date.UTC(2026, 4, 4, 16)); // removed Monday at noon
    change({ archivedAt: Date.UTC(2026, 4, 4, 16) });
    setNow(Date.UTC(2026, 4, 6, 19, 40));
    change({ archivedAt: null });
    scheduler.tick();
    stop();
    return { job: jobs.get(job.id), runs: t.repos.runs.listForJob(job.id, 10) };
  }

  it("runs the missed day once on restore and keeps its 09:00 (run missed runs once)", () => {
    const { job, runs } = daily("run_once");
    expect(runs.map((run) => [run.trigger, inNewYork(run.scheduledFor)])).toEqual([["missed", "2026-05-05 09:00:00"]]);
    expect(inNewYork(job.nextFireAt)).toBe("2026-05-07 09:00:00");
    // Labelled as what it is: one run for the two days missed (Tuesday's and Wednesday's 09:00), not a run of today's.
    expect(t.repos.runs.logs(runs[0]!.id).map((entry) => entry.text)).toEqual([
      "Catch-up run: 2 scheduled runs were missed (the first at 5 May, 09:00) while ChatML was stopped or asleep, or its repository was removed. As the job's “Missed runs” setting says, this one run makes up for them all.",
    ]);
  });

  it("skips the missed days and keeps its 09:00 (skip missed runs)", () => {
    const { job, runs } = daily("skip");
    expect(runs).toEqual([]);
    expect(inNewYork(job.nextFireAt)).toBe("2026-05-07 09:00:00");
  });

  it("keeps its 09:00 when it was removed before jobs kept their timing (its next run was cleared)", () => {
    const { jobs, workspace, change, setNow } = setUp();
    setNow(Date.UTC(2026, 4, 4, 13));
    const stop = jobs.followWorkspaces();
    const job = jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, name: "Backup", prompt: "Back up", schedule: { kind: "interval", every: 1, unit: "days", timezone: NY } });
    change({ archivedAt: Date.UTC(2026, 4, 4, 16) });
    t.repos.jobs.update(job.id, (saved) => ({ ...saved, nextFireAt: null }), true);
    setNow(Date.UTC(2026, 4, 6, 19, 40));
    change({ archivedAt: null });
    expect(inNewYork(jobs.get(job.id).nextFireAt)).toBe("2026-05-07 09:00:00");
    stop();
  });
});

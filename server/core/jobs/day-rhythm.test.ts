import { afterEach, describe, expect, it } from "vitest";
import { JOB_DEFAULTS } from "../../../shared/api/jobs-inputs.ts";
import type { JobId } from "../../../shared/ids.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { localTimeZone } from "../../scheduler/index.ts";
import { EventBus } from "../event-bus.ts";
import { JobScheduler } from "./job-scheduler.ts";
import { JobService } from "./job-service.ts";

/**
 * A daily job whose time the spring change skips, through the real service and scheduler over real SQLite, on a clock
 * set by hand: it runs at the end of the gap that day and at its own time again the next (ADR 0120).
 */
const NY = "America/New_York";
const inNewYork = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString("sv-SE", { timeZone: NY }) : null);
let t: TempDb;
afterEach(() => t?.cleanup());

function setUp(startAt: number) {
  t = openTempDb();
  const { workspace } = seedConversation(t.repos);
  let now = startAt;
  const deps = { repos: t.repos, bus: new EventBus(), now: () => now };
  const jobs = new JobService({ ...deps, poke: () => undefined });
  // No pool slot: runs stay queued, so nothing is launched; only the fires and the next fire times are looked at.
  const unreachable = () => Promise.reject(new Error("no run starts in this test"));
  const scheduler = new JobScheduler({ ...deps, jobs, executor: { launch: unreachable, interrupt: unreachable, kill: unreachable, waitingSinceOf: () => null }, concurrency: () => 0 });
  const create = (timezone: string | undefined = NY) => jobs.create({ ...JOB_DEFAULTS, workspaceId: workspace.id, name: "Backup", prompt: "Back up", schedule: { kind: "interval", every: 1, unit: "days", ...(timezone ? { timezone } : {}) } });
  /** Ticks at `at` and answers the job's next fire in New York. */
  const tickAt = (at: number, id: JobId) => {
    now = at;
    scheduler.tick();
    return inNewYork(t.repos.jobs.get(id)?.nextFireAt);
  };
  return { jobs, create, tickAt, setNow: (at: number) => (now = at) };
}

/** The workspace the test's jobs are made in (the one seeded by `setUp`). */
function seedWorkspaceId() {
  return t.repos.workspaces.list()[0]!.id;
}

describe("every day at a time the spring change skips", () => {
  it("returns to its time the day after the change, also when it was resumed at that time long after it was made", () => {
    const { jobs, create, tickAt, setNow } = setUp(Date.UTC(2026, 2, 1, 14)); // made on 1 March at 09:00
    const job = create();
    jobs.update(job.id, { isEnabled: false });
    setNow(Date.UTC(2026, 2, 7, 7, 30)); // resumed on Saturday 7 March at 02:30
    expect(inNewYork(jobs.update(job.id, { isEnabled: true }).nextFireAt)).toBe("2026-03-08 03:00:00");
    expect(tickAt(Date.UTC(2026, 2, 8, 7), job.id)).toBe("2026-03-09 02:30:00");
    expect(tickAt(Date.UTC(2026, 2, 9, 6, 30), job.id)).toBe("2026-03-10 02:30:00");
  });

  it("keeps the time of a job saved before jobs kept their anchor (its next fire at the time of day)", () => {
    const { create, tickAt, setNow } = setUp(Date.UTC(2026, 2, 6, 7, 30)); // made on Friday 6 March at 02:30
    const job = create();
    t.repos.jobs.update(job.id, ({ anchorAt: _dropped, ...saved }) => saved, true);
    expect(t.repos.jobs.get(job.id)?.anchorAt).toBeUndefined();
    setNow(Date.UTC(2026, 2, 7, 7, 30));
    expect(tickAt(Date.UTC(2026, 2, 7, 7, 30), job.id)).toBe("2026-03-08 03:00:00");
    expect(tickAt(Date.UTC(2026, 2, 8, 7), job.id)).toBe("2026-03-09 02:30:00");
  });

  it("returns to its time when a job saved before jobs kept their anchor first fires at the end of the gap", () => {
    const { create, tickAt } = setUp(Date.UTC(2026, 2, 6, 7, 30)); // made on Friday 6 March at 02:30
    const job = create();
    expect(tickAt(Date.UTC(2026, 2, 7, 7, 30), job.id)).toBe("2026-03-08 03:00:00");
    // Saved so by the version before anchors: its one fire after the upgrade is the one the gap moved.
    t.repos.jobs.update(job.id, ({ anchorAt: _dropped, ...saved }) => saved, true);
    expect(tickAt(Date.UTC(2026, 2, 8, 7), job.id)).toBe("2026-03-09 02:30:00");
    expect(tickAt(Date.UTC(2026, 2, 9, 7, 30), job.id)).toBe("2026-03-10 02:30:00");
  });

  it("returns to its time when such a job never ran (its days counted from its creation)", () => {
    const { create, tickAt, setNow } = setUp(Date.UTC(2026, 2, 7, 7, 30)); // made on Saturday 7 March at 02:30
    const job = create();
    expect(inNewYork(job.nextFireAt)).toBe("2026-03-08 03:00:00");
    // The repository stamps creation by the real clock: the job is saved as made at the hand-set time.
    t.repos.jobs.update(job.id, ({ anchorAt: _dropped, ...saved }) => ({ ...saved, createdAt: Date.UTC(2026, 2, 7, 7, 30) }), true);
    setNow(Date.UTC(2026, 2, 8, 7));
    expect(tickAt(Date.UTC(2026, 2, 8, 7), job.id)).toBe("2026-03-09 02:30:00");
  });

  it("returns to its time when such a job's fires since it was resumed were skipped without a run (its days counted from the resume)", () => {
    const { jobs, create, tickAt, setNow } = setUp(Date.UTC(2026, 2, 1, 14)); // made on 1 March at 09:00
    const job = create();
    jobs.update(job.id, { missedPolicy: "skip", isEnabled: false });
    const resumedAt = Date.UTC(2026, 2, 5, 7, 30); // resumed on Thursday 5 March at 02:30: its time of day from then
    setNow(resumedAt);
    expect(inNewYork(jobs.update(job.id, { isEnabled: true }).nextFireAt)).toBe("2026-03-06 02:30:00");
    // The server was down on 6 and 7 March: both fires are skipped, and none left a run.
    expect(tickAt(Date.UTC(2026, 2, 7, 17), job.id)).toBe("2026-03-08 03:00:00");
    expect(t.repos.runs.listForJob(job.id, 20)).toEqual([]);
    // Saved so by the version before anchors; the repository stamps edits by the real clock, so the resume is set here.
    t.repos.jobs.update(job.id, ({ anchorAt: _dropped, ...saved }) => saved, true);
    t.repos.jobs.write({ ...t.repos.jobs.get(job.id)!, updatedAt: resumedAt });
    expect(tickAt(Date.UTC(2026, 2, 8, 7), job.id)).toBe("2026-03-09 02:30:00");
    expect(tickAt(Date.UTC(2026, 2, 9, 6, 30), job.id)).toBe("2026-03-10 02:30:00");
  });
});

describe("a day interval saved without a zone (before ADR 0108)", () => {
  it("says it keeps the server's clocks, and one it has is named", () => {
    const { jobs } = setUp(Date.UTC(2026, 2, 1, 14));
    expect(jobs.preview({ kind: "interval", every: 1, unit: "days" }, NY).clockZone).toBe(localTimeZone());
    expect(jobs.preview({ kind: "interval", every: 1, unit: "days", timezone: "Asia/Tokyo" }, NY).clockZone).toBe("Asia/Tokyo");
    expect(jobs.preview({ kind: "interval", every: 2, unit: "hours" }, NY).clockZone).toBeNull();
  });

  it("given a zone, keeps its next run (the time is not moved) and from then keeps that zone's time of day", () => {
    const { jobs, create, tickAt, setNow } = setUp(Date.UTC(2026, 2, 1, 14)); // made on 1 March at 09:00 in New York
    const job = create(undefined);
    setNow(Date.UTC(2026, 2, 2, 10));
    const adopted = jobs.update(job.id, { schedule: { kind: "interval", every: 1, unit: "days", timezone: NY } });
    expect({ nextFireAt: adopted.nextFireAt, anchorAt: adopted.anchorAt }).toEqual({ nextFireAt: job.nextFireAt, anchorAt: job.anchorAt });
    let next = adopted.nextFireAt!;
    for (let day = 0; day < 7; day++) {
      tickAt(next, job.id);
      next = t.repos.jobs.get(job.id)!.nextFireAt!;
    }
    expect(inNewYork(next)).toBe("2026-03-09 09:00:00");
  });

  it("with a time of day, given a zone, runs next at that time on the new zone's clocks, not the server's", () => {
    const zone = localTimeZone() === NY ? "Asia/Tokyo" : NY;
    const inZone = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString("sv-SE", { timeZone: zone }) : null);
    const { jobs, tickAt, setNow } = setUp(Date.UTC(2026, 5, 1, 2));
    const job = jobs.create({ ...JOB_DEFAULTS, workspaceId: seedWorkspaceId(), name: "Digest", prompt: "Digest", schedule: { kind: "interval", every: 1, unit: "days", at: "09:00" } });
    setNow(Date.UTC(2026, 5, 1, 3));
    const zoned = jobs.update(job.id, { schedule: { kind: "interval", every: 1, unit: "days", at: "09:00", timezone: zone } });
    expect(inZone(zoned.nextFireAt)?.slice(11)).toBe("09:00:00");
    tickAt(zoned.nextFireAt!, job.id);
    expect(inZone(t.repos.jobs.get(job.id)?.nextFireAt)?.slice(11)).toBe("09:00:00");
  });
});

describe("an edit that resends the schedule", () => {
  const inBerlin = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString("sv-SE", { timeZone: "Europe/Berlin" }) : null);

  it("moving a daily 09:00 job to another zone runs it next at 09:00 on that zone's clocks, and every day after", () => {
    const { jobs, create, tickAt, setNow } = setUp(Date.UTC(2026, 5, 1, 13)); // made on 1 June at 09:00 in New York
    const job = create();
    setNow(Date.UTC(2026, 5, 1, 20));
    const moved = jobs.update(job.id, { schedule: { kind: "interval", every: 1, unit: "days", timezone: "Europe/Berlin" } });
    expect(inBerlin(moved.nextFireAt)).toBe("2026-06-02 09:00:00");
    expect(tickAt(moved.nextFireAt!, job.id)).toBe(inNewYork(Date.UTC(2026, 5, 3, 7)));
  });

  it("the same schedule in the same zone keeps the next run, for days and for hours alike", () => {
    const { jobs, create, setNow } = setUp(Date.UTC(2026, 5, 1, 13));
    const daily = create();
    const hourly = jobs.create({ ...JOB_DEFAULTS, workspaceId: daily.workspaceId, name: "Poll", prompt: "Poll", schedule: { kind: "interval", every: 2, unit: "hours" } });
    setNow(Date.UTC(2026, 5, 1, 14, 17));
    expect(jobs.update(daily.id, { name: "Backup (renamed)", schedule: daily.schedule })).toMatchObject({ nextFireAt: daily.nextFireAt, anchorAt: daily.anchorAt });
    expect(jobs.update(hourly.id, { name: "Poll (renamed)", schedule: hourly.schedule })).toMatchObject({ nextFireAt: hourly.nextFireAt, anchorAt: hourly.anchorAt });
  });
});

describe("every day at a time of day picked beforehand", () => {
  it("runs first at that time (today, if it is still ahead), not at the time it was saved, and keeps it across the spring change", () => {
    const { jobs, tickAt } = setUp(Date.UTC(2026, 2, 6, 15, 12)); // saved (a plan approved) on 6 March at 10:12 in New York
    const job = jobs.create({ ...JOB_DEFAULTS, workspaceId: seedWorkspaceId(), name: "Digest", prompt: "Digest", schedule: { kind: "interval", every: 1, unit: "days", timezone: NY, at: "14:30" } });
    expect(inNewYork(job.nextFireAt)).toBe("2026-03-06 14:30:00");
    expect(tickAt(job.nextFireAt!, job.id)).toBe("2026-03-07 14:30:00");
    expect(tickAt(Date.UTC(2026, 2, 7, 19, 30), job.id)).toBe("2026-03-08 14:30:00");
    expect(tickAt(Date.UTC(2026, 2, 8, 18, 30), job.id)).toBe("2026-03-09 14:30:00");
  });

  it("is refused on an interval in hours, saying why", () => {
    const { jobs } = setUp(Date.UTC(2026, 2, 6, 15));
    expect(() => jobs.create({ ...JOB_DEFAULTS, workspaceId: seedWorkspaceId(), name: "Poll", prompt: "Poll", schedule: { kind: "interval", every: 2, unit: "hours", at: "14:30" } })).toThrow("The schedule: A time of day is kept by an interval in days only.");
  });
});

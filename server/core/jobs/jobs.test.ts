import { existsSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Session } from "../../../shared/protocol/model.ts";
import type { Job, Run } from "../../../shared/protocol/jobs.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { BYPASS_AS_ROOT_REASON } from "../../../shared/api/permission-modes.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { addWorkspace, call, createJob, eventually, makeRepo, runsOf } from "./jobs-test-kit.ts";

/**
 * Jobs through the real server with the scripted fake CLI (a prompt is its command: `hello` succeeds, `die 1` exits,
 * `hang` never answers): runs become worktree sessions, fail, retry, time out, and survive restarts.
 */
/** "Soon" for a one-off job: far enough ahead that a loaded machine's request still arrives before it (else "in the past"). */
const SOON_MS = 2_000;

/** The jobs' clock of a test's servers (`jobTuning.now`): the real one, moved on by `later` instead of sleeping. */
function jobsClock(): { now: () => number; later: (ms: number) => void } {
  let ahead = 0;
  return { now: () => Date.now() + ahead, later: (ms) => void (ahead += ms) };
}

/**
 * A one-off job due "soon" (set far enough ahead that a loaded machine's request arrives before it), whose time is
 * then made now: the jobs' clock moves on to it and an edit has the scheduler look again.
 */
async function createSoonJob(server: TestServer, clock: ReturnType<typeof jobsClock>, body: Record<string, unknown>): Promise<Job> {
  const job = await createJob(server, { ...body, schedule: { kind: "once", at: clock.now() + SOON_MS } });
  clock.later(SOON_MS);
  await call(server, `/jobs/${job.id}`, "PATCH", { isEnabled: true });
  return job;
}

describe("scheduled jobs", { timeout: 60_000 }, () => {
  let server: TestServer;
  let claudeBin: string;
  let repo: string;
  let workspaceId: string;
  const clock = jobsClock();
  const tuning = { backoff: { baseMs: 200, maxMs: 400 }, killGraceMs: 300, now: clock.now };

  beforeAll(async () => {
    claudeBin = await writeFakeCliBin();
    server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: "2.1.330" }, config: { jobTuning: tuning } });
    repo = makeRepo();
    workspaceId = (await addWorkspace(server, repo)).id;
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(repo, { recursive: true, force: true });
  });

  it("fires on its interval; each run is a worktree session whose conversation did the work", async () => {
    const job = await createJob(server, { workspaceId, name: "Greeter", prompt: "hello", effort: "high", schedule: { kind: "interval", every: 1, unit: "seconds" } });
    const runs = await eventually(() => runsOf(server, job.id), (list) => list.filter((r) => r.status === "succeeded").length >= 2, "two succeeded runs");
    await call(server, `/jobs/${job.id}`, "PATCH", { isEnabled: false });
    const run = runs.find((r) => r.status === "succeeded")!;
    expect(run.trigger).toBe("schedule");
    const { session } = await call<{ session: Session }>(server, `/sessions/${run.sessionId}`);
    expect(session.kind).toBe("worktree");
    expect(session.title).toMatch(/^Job: Greeter · \d{1,2} \w{3}, \d\d:\d\d$/);
    expect(session.jobId).toBe(job.id); // the sidebar folds the job's runs under its latest (ADR 0064)
    // The run's log names its session as the user sees it, not by id.
    const { logs } = await call<{ logs: { text: string }[] }>(server, `/runs/${run.id}`);
    expect(logs[0]?.text).toBe(`Started in session ${session.name} (branch ${session.branch}).`);
    const { conversation } = await call<{ conversation: Conversation }>(server, `/conversations/${run.conversationId}`);
    expect(conversation).toMatchObject({ sessionId: session.id, effort: "high" }); // the job's effort level (ADR 0301)
    type Listed = { events: { event: { type: string; reason?: string } }[] };
    const { events } = await eventually(() => call<Listed>(server, `/conversations/${run.conversationId}/events`), (list) => list.events.some((e) => e.event.type === "process.exited"), "the run's process to be stopped");
    expect(events.map((e) => e.event.type)).toContain("turn.completed");
    expect(events.find((e) => e.event.type === "process.exited")?.event).toMatchObject({ reason: "the job's run is over (succeeded)", isExpected: true });
    const scheduled = new Set(runs.map((r) => r.scheduledFor));
    expect(scheduled.size).toBe(runs.length);
  });

  it("a job's own turn budget is its runs' over the workspace's default; a job without one takes the default (ADR 0165)", async () => {
    await call(server, `/workspaces/${workspaceId}/budget`, "PUT", { limits: { maxCostUsd: null, maxTurns: 5, maxThinkingTokens: null } });
    try {
      const own = await createSoonJob(server, clock, { workspaceId, name: "Short leash", prompt: "hello", maxTurns: 2 });
      const plain = await createSoonJob(server, clock, { workspaceId, name: "Default leash", prompt: "hello" });
      expect(own.maxTurns).toBe(2);
      const limitsOf = async (job: Job) => {
        const [run] = await eventually(() => runsOf(server, job.id), (list) => list.some((r) => r.status === "succeeded"), `a succeeded run of ${job.name}`);
        return (await call<{ budget: { limits: { maxTurns: number | null } } }>(server, `/conversations/${run?.conversationId}/budget`)).budget.limits;
      };
      expect((await limitsOf(own)).maxTurns).toBe(2);
      expect((await limitsOf(plain)).maxTurns).toBe(5);
    } finally {
      await call(server, `/workspaces/${workspaceId}/budget`, "PUT", { limits: { maxCostUsd: null, maxTurns: null, maxThinkingTokens: null } });
    }
  });

  it("a job that exits at once is retried with backoff, then paused with the reason", async () => {
    const job = await createSoonJob(server, clock, { workspaceId, name: "Crasher", prompt: "die 1", maxRetries: 5 });
    const paused = await eventually(() => call<{ job: Job }>(server, `/jobs/${job.id}`), ({ job: j }) => !j.isEnabled, "the job paused");
    expect(paused.job.pausedReason).toMatch(/last 3 runs each ended within 5 s/);
    const runs = await runsOf(server, job.id);
    expect(runs.map((r) => r.trigger).sort()).toEqual(["retry", "retry", "schedule"]);
    expect(runs.every((r) => r.status === "failed" && /CLI exited/.test(r.error ?? ""))).toBe(true);
    const retry = runs.find((r) => r.trigger === "retry" && r.retries === 1)!;
    expect(retry.notBefore! - retry.queuedAt).toBeGreaterThanOrEqual(tuning.backoff.baseMs - 50);
  });

  it("a run that finds no Claude Code to start gets no retry or corrective run: they would fail the same way", async () => {
    const missing = await startTestServer({ claudeBin: "/nonexistent/claude", config: { jobTuning: tuning } });
    try {
      const elsewhere = (await addWorkspace(missing, repo)).id;
      const job = await createJob(missing, { workspaceId: elsewhere, name: "No CLI", prompt: "hello", maxRetries: 3, schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } });
      const { run } = await call<{ run: Run }>(missing, `/jobs/${job.id}/run`, "POST");
      type Logged = { run: Run; logs: { text: string }[] };
      const ended = await eventually(() => call<Logged>(missing, `/runs/${run.id}`), ({ logs }) => logs.some((l) => l.text.startsWith("No retry or corrective run")), "the run's note that nothing follows it");
      expect(ended.run.status).toBe("failed");
      expect(ended.run.error).toMatch(/nonexistent\/claude|not found/i);
      // The note comes before the run's end, and a follow-up would be queued as it ends: by now none was.
      expect((await runsOf(missing, job.id)).map((r) => r.trigger)).toEqual(["manual"]);
    } finally {
      await missing.cleanup();
    }
  });

  it("the watchdog interrupts a hanging run, stops it, marks it timed out and queues a corrective run", async () => {
    const job = await createSoonJob(server, clock, { workspaceId, name: "Hanger", prompt: "hang", timeoutMinutes: 0.02 });
    const runs = await eventually(() => runsOf(server, job.id), (list) => list.some((r) => r.status === "timed_out") && list.some((r) => r.trigger === "corrective"), "a timed-out run and its corrective run");
    const timedOut = runs.find((r) => r.status === "timed_out")!;
    expect(timedOut.interruptedAt).not.toBeNull();
    expect(runs.find((r) => r.trigger === "corrective")!.previousRunId).toBe(timedOut.id);
    await call(server, `/jobs/${job.id}`, "PATCH", { isEnabled: false });
    const corrective = runs.find((r) => r.trigger === "corrective")!;
    await eventually(() => call<{ run: { status: string } }>(server, `/runs/${corrective.id}`), ({ run }) => run.status !== "queued", "the corrective run starts");
    await call(server, `/runs/${corrective.id}/cancel`, "POST").catch(() => undefined);
  });

  it("deleting a job cancels its queued runs (they failed later as 'The job was deleted.'); a running one goes on", async () => {
    const job = await createJob(server, { workspaceId, name: "Doomed", prompt: "hang", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } });
    const { run: first } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
    await eventually(() => runsOf(server, job.id), (list) => list.find((r) => r.id === first.id)?.status === "running", "the first run running");
    const { run: second } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
    await call(server, `/jobs/${job.id}`, "DELETE");
    expect((await runsOf(server, job.id)).find((r) => r.id === first.id)?.status).toBe("running");
    await call(server, `/runs/${first.id}/cancel`, "POST");
    const runs = await eventually(() => runsOf(server, job.id), (list) => list.find((r) => r.id === second.id)?.status !== "queued", "the queued run settled");
    expect(runs.find((r) => r.id === second.id)).toMatchObject({ status: "cancelled", error: "The job was deleted.", startedAt: null });
  });

  it("a run cancelled while its worktree is set up keeps the session made for it, named in its log, and sends Claude nothing", async () => {
    const slowRepo = makeRepo();
    try {
      const slow = await addWorkspace(server, slowRepo);
      // The setup script says it started, then waits for the test to let it finish (30 s at most).
      const [marker, release] = [`${slowRepo}.setup-started`, `${slowRepo}.setup-may-end`];
      await call(server, `/workspaces/${slow.id}`, "PATCH", { setupScript: `touch '${marker}'; for i in $(seq 1 300); do [ -f '${release}' ] && break; sleep 0.1; done` });
      const job = await createJob(server, { workspaceId: slow.id, name: "Slow setup", prompt: "hello", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } });
      const { run } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
      await eventually(async () => existsSync(marker), Boolean, "the run's setup script to start");
      expect((await runsOf(server, job.id))[0]).toMatchObject({ status: "running", sessionId: null });
      await call(server, `/runs/${run.id}/cancel`, "POST");
      writeFileSync(release, "");
      const [cancelled] = await eventually(() => runsOf(server, job.id), (list) => list[0]?.sessionId !== null, "the cancelled run to name its session");
      expect(cancelled).toMatchObject({ id: run.id, status: "cancelled" });
      const { session } = await call<{ session: Session }>(server, `/sessions/${cancelled!.sessionId}`);
      expect(session).toMatchObject({ jobId: job.id, title: expect.stringMatching(/^Job: Slow setup · /) });
      const { logs } = await call<{ logs: { text: string }[] }>(server, `/runs/${run.id}`);
      expect(logs.map((l) => l.text)).toContain(`Cancelled while its session was set up; nothing was sent to Claude. Its session: ${session.name} (branch ${session.branch}).`);
      const { events } = await call<{ events: { event: { type: string } }[] }>(server, `/conversations/${cancelled!.conversationId}/events`);
      expect(events.map((e) => e.event.type)).not.toContain("message.created");
    } finally {
      rmSync(slowRepo, { recursive: true, force: true });
      rmSync(`${slowRepo}.setup-started`, { force: true });
      rmSync(`${slowRepo}.setup-may-end`, { force: true });
    }
  });

  it("Run now pressed while a run is running queues one run behind it, named; pressed again, it keeps that one (it queued one per press)", async () => {
    const job = await createJob(server, { workspaceId, name: "Busy", prompt: "hang", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } });
    const { run: first } = await call<{ run: Run }>(server, `/jobs/${job.id}/run`, "POST");
    await eventually(() => runsOf(server, job.id), (list) => list.find((r) => r.id === first.id)?.status === "running", "the first run running");
    const second = await call<{ run: Run; waitsFor: Run | null; wasWaiting: boolean }>(server, `/jobs/${job.id}/run`, "POST");
    expect(second).toMatchObject({ run: { status: "queued" }, waitsFor: { id: first.id, status: "running" }, wasWaiting: false });
    const third = await call<{ run: Run; waitsFor: Run | null; wasWaiting: boolean }>(server, `/jobs/${job.id}/run`, "POST");
    expect(third).toMatchObject({ run: { id: second.run.id, status: "queued" }, waitsFor: { id: first.id }, wasWaiting: true });
    const runs = await runsOf(server, job.id);
    expect(runs.map((r) => [r.id, r.status])).toEqual(expect.arrayContaining([[first.id, "running"], [second.run.id, "queued"]]));
    expect(runs).toHaveLength(2);
    await call(server, `/jobs/${job.id}`, "DELETE");
    await call(server, `/runs/${first.id}/cancel`, "POST");
  });

  it("Run now on a job whose workspace was removed is refused, saying why, and the job keeps waiting (it failed a run and paused the job)", async () => {
    const other = makeRepo();
    try {
      const otherId = (await addWorkspace(server, other)).id;
      const job = await createJob(server, { workspaceId: otherId, name: "Orphan", prompt: "hello", schedule: { kind: "interval", every: 1, unit: "days" } });
      await call(server, `/workspaces/${otherId}`, "DELETE");
      await expect(call(server, `/jobs/${job.id}/run`, "POST")).rejects.toThrow(/409: The workspace .+ was removed: restore it from “Removed workspaces” to run this job\. The job waits for it\./);
      expect(await runsOf(server, job.id)).toEqual([]);
      expect((await call<{ job: Job }>(server, `/jobs/${job.id}`)).job).toMatchObject({ isEnabled: true, nextFireAt: null, pausedReason: null });
      await call(server, `/workspaces/${otherId}/restore`, "POST");
      await call(server, `/jobs/${job.id}/run`, "POST");
      await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "succeeded", "the run after the restore");
      expect((await call<{ job: Job }>(server, `/jobs/${job.id}`)).job).toMatchObject({ isEnabled: true, pausedReason: null });
      await call(server, `/jobs/${job.id}`, "DELETE");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("a removed workspace's jobs stop firing with it and fire again once it is restored (they kept 'Next run' and failed at each fire)", async () => {
    const other = makeRepo();
    try {
      const otherId = (await addWorkspace(server, other)).id;
      const job = await createJob(server, { workspaceId: otherId, name: "Held", prompt: "hello", schedule: { kind: "interval", every: 1, unit: "days" } });
      expect(job.nextFireAt).not.toBeNull();
      await call(server, `/workspaces/${otherId}`, "DELETE");
      // It shows no next run while it waits (none fires; the API answered the stored one), in the list too.
      expect((await call<{ job: Job }>(server, `/jobs/${job.id}`)).job).toMatchObject({ isEnabled: true, nextFireAt: null, pausedReason: null });
      expect((await call<{ jobs: Job[] }>(server, `/jobs?workspaceId=${otherId}`)).jobs.map((listed) => listed.nextFireAt)).toEqual([null]);
      await expect(createJob(server, { workspaceId: otherId, name: "Another", prompt: "hello", schedule: { kind: "interval", every: 1, unit: "days" } })).rejects.toThrow(
        /400: The workspace .+ was removed: restore it from “Removed workspaces” to add jobs to it\./,
      );
      await call(server, `/workspaces/${otherId}/restore`, "POST");
      const back = (await call<{ job: Job }>(server, `/jobs/${job.id}`)).job;
      expect(back.isEnabled).toBe(true);
      // It kept its timing meanwhile (ADR 0293): restored, it runs on in the rhythm it was saved with.
      expect(back.nextFireAt).toBe(job.nextFireAt);
      expect(await runsOf(server, job.id)).toEqual([]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("a run waiting for a permission nobody answers holds no slot of the pool: another job's run goes on meanwhile (it waited behind it)", async () => {
    const asking = await createJob(server, { workspaceId, name: "Asks at night", prompt: "ask echo hi", schedule: { kind: "interval", every: 1, unit: "days" } });
    const other = await createJob(server, { workspaceId, name: "Runs anyway", prompt: "hello", schedule: { kind: "interval", every: 1, unit: "days" } });
    await call(server, `/jobs/${asking.id}/run`, "POST");
    const [waiting] = await eventually(() => runsOf(server, asking.id), (list) => list[0]?.status === "waiting", "the asking run to wait for the user");
    await call(server, `/jobs/${other.id}/run`, "POST"); // the pool holds one run at a time (the default)
    await eventually(() => runsOf(server, other.id), (list) => list[0]?.status === "succeeded", "the other job's run, beside the waiting one");
    expect((await runsOf(server, asking.id))[0]).toMatchObject({ id: waiting!.id, status: "waiting" });
    await call(server, `/runs/${waiting!.id}/cancel`, "POST");
    await eventually(() => runsOf(server, asking.id), (list) => list[0]?.status === "cancelled", "the waiting run cancelled");
    for (const job of [asking, other]) await call(server, `/jobs/${job.id}`, "DELETE");
  });

  it("a fixed-session job's runs are conversations of that session that name their job; the session's own stay the user's", async () => {
    const { session, conversation: own } = await call<{ session: Session; conversation: Conversation }>(server, "/sessions", "POST", { workspaceId });
    const job = await createJob(server, { workspaceId, name: "Same place", prompt: "hello", effort: "low", mode: "session", sessionId: session.id, schedule: { kind: "interval", every: 1, unit: "days" } });
    await call(server, `/jobs/${job.id}/run`, "POST");
    const [run] = await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "succeeded", "the succeeded run");
    const { conversations } = await call<{ conversations: Conversation[] }>(server, `/conversations?sessionId=${session.id}`);
    expect(conversations.find((c) => c.id === run!.conversationId)).toMatchObject({ sessionId: session.id, title: expect.stringMatching(/^Same place · /), jobId: job.id, effort: "low" });
    expect(conversations.find((c) => c.id === own.id)).toMatchObject({ jobId: null });
    await call(server, `/jobs/${job.id}`, "PATCH", { isEnabled: false });
  });

  it("a job whose fixed session was archived is paused with the reason by its next run (it failed a run at every fire)", async () => {
    const { session } = await call<{ session: Session }>(server, "/sessions", "POST", { workspaceId });
    const job = await createJob(server, { workspaceId, name: "In one place", prompt: "hello", mode: "session", sessionId: session.id, schedule: { kind: "interval", every: 1, unit: "days" } });
    await call(server, `/sessions/${session.id}/archive`, "POST");
    await call(server, `/jobs/${job.id}/run`, "POST");
    const [run] = await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "failed", "the failed run");
    expect(run!.error).toBe("The job's session is archived; unarchive it or pick another, then resume the job.");
    const paused = await eventually(async () => (await call<{ job: Job }>(server, `/jobs/${job.id}`)).job, (j) => !j.isEnabled, "the paused job");
    expect(paused).toMatchObject({ nextFireAt: null, pausedReason: run!.error });
  });

  it("a job whose base branch is gone fails its run clearly; bad schedules are refused", async () => {
    const job = await createSoonJob(server, clock, { workspaceId, name: "Lost", prompt: "hello", baseBranch: "no-such-branch" });
    const [run] = await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "failed", "the failed run");
    expect(run!.error).toMatch(/no-such-branch/);
    await expect(createJob(server, { workspaceId, name: "Bad", prompt: "x", schedule: { kind: "cron", expression: "99 * * * *", timezone: "UTC" } })).rejects.toThrow(/400.*Invalid cron/);
    await expect(createJob(server, { workspaceId, name: "Past", prompt: "x", schedule: { kind: "once", at: Date.now() - 60_000 } })).rejects.toThrow(/in the past/);
    const preview = (timezone: string) => call(server, "/jobs/schedule-preview", "POST", { schedule: { kind: "once", at: Date.now() + 3_600_000 }, timezone });
    await expect(preview("Mars/Olympus")).rejects.toThrow(/400.*Unknown time zone "Mars\/Olympus"/);
    await expect(preview("Europe/Berlin")).resolves.toMatchObject({ description: expect.stringMatching(/^once, /) });
  });
});

describe("across a restart", { timeout: 60_000 }, () => {
  it("nothing fires twice, a due fire is not lost, and a second server on the same data dir is refused", async () => {
    const claudeBin = await writeFakeCliBin();
    const repo = makeRepo();
    const clock = jobsClock();
    const config = { jobTuning: { now: clock.now } };
    let server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: "2.1.330" }, config });
    const dataDir = server.dataDir;
    try {
      await expect(startTestServer({ claudeBin, dataDir })).rejects.toThrow(/Another ChatML server \(pid \d+\) is already using/);
      const workspaceId = (await addWorkspace(server, repo)).id;
      const fired = await createSoonJob(server, clock, { workspaceId, name: "Once", prompt: "hello" });
      await eventually(() => runsOf(server, fired.id), (list) => list[0]?.status === "succeeded", "the first job's run");
      const due = await createJob(server, { workspaceId, name: "Due while down", prompt: "hello", schedule: { kind: "once", at: clock.now() + SOON_MS } });
      await server.stop();
      clock.later(SOON_MS); // the fire comes due while no server runs
      server = await startTestServer({ claudeBin, dataDir, env: { FAKE_CLI_VERSION: "2.1.330" }, config });
      await eventually(() => runsOf(server, due.id), (list) => list[0]?.status === "succeeded", "the due job's run after the restart");
      await server.stop();
      server = await startTestServer({ claudeBin, dataDir, env: { FAKE_CLI_VERSION: "2.1.330" }, config });
      await call(server, "/jobs");
      expect(await runsOf(server, fired.id)).toHaveLength(1);
      expect(await runsOf(server, due.id)).toHaveLength(1);
    } finally {
      await server.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("a job saved in a mode Claude Code refuses here", { timeout: 60_000 }, () => {
  it("is paused by its next run with why (it failed every fire), when a bypass job from a non-root ChatML meets a root one", async () => {
    const claudeBin = await writeFakeCliBin();
    const repo = makeRepo();
    let server = await startTestServer({ claudeBin, env: { FAKE_CLI_VERSION: "2.1.330" }, config: { uid: 1000 } });
    const dataDir = server.dataDir;
    try {
      const workspaceId = (await addWorkspace(server, repo)).id;
      const job = await createJob(server, { workspaceId, name: "Unattended", prompt: "hello", permissionMode: "bypassPermissions", schedule: { kind: "interval", every: 1, unit: "days" } });
      await server.stop();
      server = await startTestServer({ claudeBin, dataDir, env: { FAKE_CLI_VERSION: "2.1.330", IS_SANDBOX: "", CLAUDE_CODE_BUBBLEWRAP: "" }, config: { uid: 0 } });
      await call(server, `/jobs/${job.id}/run`, "POST");
      const [run] = await eventually(() => runsOf(server, job.id), (list) => list[0]?.status === "failed", "the failed run");
      expect(run!.error).toBe(`${BYPASS_AS_ROOT_REASON} The job is paused: pick another permission mode, then resume it.`);
      expect(run!.sessionId).toBeNull();
      const paused = await eventually(async () => (await call<{ job: Job }>(server, `/jobs/${job.id}`)).job, (j) => !j.isEnabled, "the paused job");
      expect(paused.pausedReason).toBe(run!.error);
    } finally {
      await server.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

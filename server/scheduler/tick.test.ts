import { describe, expect, it } from "vitest";
import { decideFire, MISSED_COUNT_CAP, type JobTiming } from "./fires.ts";
import { decideRunNow, pickRunsToStart, type QueuedRun } from "./queue.ts";
import { classifyFailure, decideAfterFailure, retryDelayMs } from "./retry.ts";
import { planTick, type SchedulerSnapshot } from "./tick.ts";
import { deadlineAfterWaiting, nextWatchdogCheck, watchdogActions } from "./watchdog.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 12, 0);

/** A fake clock and a tiny in-memory store that applies plans the way the real service does. */
function simulate(job: Omit<JobTiming, "nextFireAt" | "anchor">, options: { concurrency?: number } = {}) {
  let now = T0;
  const state: JobTiming = { ...job, anchor: T0, nextFireAt: null };
  state.nextFireAt = decideFire({ ...state, nextFireAt: T0 }, T0)?.nextFireAt ?? null;
  const fired: number[] = [];
  let lastTickAt: number | null = null;
  const tick = () => {
    const snapshot: SchedulerSnapshot = { jobs: [state], queued: [], running: [], lastTickAt, concurrency: options.concurrency ?? 1 };
    const plan = planTick(snapshot, now);
    for (const repair of plan.repairs) state.nextFireAt = repair.nextFireAt;
    for (const fire of plan.fires) {
      if (fire.shouldRun) fired.push(fire.scheduledFor);
      state.nextFireAt = fire.nextFireAt;
    }
    lastTickAt = now;
    return plan;
  };
  return { state, fired, tick, advance: (ms: number) => (now += ms), setNow: (t: number) => (now = t) };
}

describe("fires", () => {
  it("an interval fires once per period, each fire once", () => {
    const sim = simulate({ jobId: "j", schedule: { kind: "interval", every: 10, unit: "minutes" }, isActive: true, missedPolicy: "skip" });
    for (let i = 0; i < 35; i++) {
      sim.advance(MIN);
      sim.tick();
      sim.tick();
    }
    expect(sim.fired).toEqual([T0 + 10 * MIN, T0 + 20 * MIN, T0 + 30 * MIN]);
  });

  it("missed fires with run_once: one run now, then back on rhythm", () => {
    const sim = simulate({ jobId: "j", schedule: { kind: "interval", every: 10, unit: "minutes" }, isActive: true, missedPolicy: "run_once" });
    sim.advance(65 * MIN); // the server was down for six periods
    const plan = sim.tick();
    expect(plan.fires).toHaveLength(1);
    expect(plan.fires[0]).toMatchObject({ isMissed: true, shouldRun: true, scheduledFor: T0 + 10 * MIN, nextFireAt: T0 + 70 * MIN, missedCount: 6 });
    expect(sim.fired).toHaveLength(1);
  });

  it("counts the fires a catch-up run stands for, up to a cap (an every-second job down for a day is not counted out)", () => {
    const sim = simulate({ jobId: "j", schedule: { kind: "interval", every: 1, unit: "seconds" }, isActive: true, missedPolicy: "run_once" });
    sim.advance(24 * 60 * MIN);
    expect(sim.tick().fires[0]).toMatchObject({ isMissed: true, missedCount: MISSED_COUNT_CAP });
    sim.advance(1_000);
    expect(sim.tick().fires[0]).toMatchObject({ isMissed: false, missedCount: 0 });
  });

  it("missed fires with skip: no run, next fire in the future", () => {
    const sim = simulate({ jobId: "j", schedule: { kind: "interval", every: 10, unit: "minutes" }, isActive: true, missedPolicy: "skip" });
    sim.advance(65 * MIN);
    const plan = sim.tick();
    expect(plan.fires[0]).toMatchObject({ isMissed: true, shouldRun: false, nextFireAt: T0 + 70 * MIN });
    expect(sim.fired).toEqual([]);
  });

  it("a paused job does not fire; a once job fires once and then never", () => {
    const paused = simulate({ jobId: "p", schedule: { kind: "interval", every: 1, unit: "minutes" }, isActive: false, missedPolicy: "run_once" });
    paused.advance(5 * MIN);
    expect(paused.tick().fires).toEqual([]);
    const once = simulate({ jobId: "o", schedule: { kind: "once", at: T0 + 5 * MIN }, isActive: true, missedPolicy: "run_once" });
    for (let i = 0; i < 10; i++) {
      once.advance(MIN);
      once.tick();
    }
    expect(once.fired).toEqual([T0 + 5 * MIN]);
    expect(once.state.nextFireAt).toBeNull();
  });

  it("a clock jumping back does not leave an interval job waiting for the old time", () => {
    const sim = simulate({ jobId: "j", schedule: { kind: "interval", every: 10, unit: "minutes" }, isActive: true, missedPolicy: "skip" });
    sim.advance(MIN);
    sim.tick();
    sim.setNow(T0 - 24 * 60 * MIN); // back one day
    const plan = sim.tick();
    expect(plan.isClockJumpBack).toBe(true);
    expect(sim.state.nextFireAt).toBe(T0 - 24 * 60 * MIN + 10 * MIN);
  });

  it("a clock jumping ahead is a missed fire under the job's policy", () => {
    const sim = simulate({ jobId: "j", schedule: { kind: "cron", expression: "0 * * * *", timezone: "UTC" }, isActive: true, missedPolicy: "skip" });
    sim.advance(5 * 60 * MIN);
    expect(sim.tick().fires[0]).toMatchObject({ isMissed: true, shouldRun: false, nextFireAt: T0 + 6 * 60 * MIN });
  });
});

describe("queue and pool", () => {
  const run = (runId: string, jobId: string, priority: QueuedRun["priority"], queuedAt: number, notBefore: number | null = null): QueuedRun => ({ runId, jobId, priority, queuedAt, notBefore, isManual: false, isResuming: false });

  it("starts by priority then age, within the concurrency limit", () => {
    const queue = [run("a", "j1", "low", 1), run("b", "j2", "normal", 2), run("c", "j3", "high", 3), run("d", "j4", "normal", 0)];
    expect(pickRunsToStart(queue, [], 1, 10).map((r) => r.runId)).toEqual(["c"]);
    expect(pickRunsToStart(queue, [], 3, 10).map((r) => r.runId)).toEqual(["c", "d", "b"]);
    expect(pickRunsToStart(queue, [{ runId: "x", jobId: "j9" }], 2, 10).map((r) => r.runId)).toEqual(["c"]);
    expect(pickRunsToStart(queue, [{ runId: "x", jobId: "j9" }, { runId: "y", jobId: "j8" }], 2, 10)).toEqual([]);
    // A run waiting for the user holds no slot (a permission asked at night held every other job till morning)…
    expect(pickRunsToStart(queue, [{ runId: "x", jobId: "j9", waitingSince: 5 }], 1, 10).map((r) => r.runId)).toEqual(["c"]);
    // …but its job still runs one run at a time.
    expect(pickRunsToStart(queue, [{ runId: "x", jobId: "j3", waitingSince: 5 }], 1, 10).map((r) => r.runId)).toEqual(["d"]);
  });

  it("never runs two runs of one job at once, and waits out a retry's backoff", () => {
    const queue = [run("a", "j1", "normal", 1), run("b", "j1", "normal", 2), run("c", "j2", "high", 0, 100)];
    expect(pickRunsToStart(queue, [], 5, 10).map((r) => r.runId)).toEqual(["a"]);
    expect(pickRunsToStart(queue, [], 5, 100).map((r) => r.runId)).toEqual(["c", "a"]);
    expect(pickRunsToStart(queue, [{ runId: "z", jobId: "j1" }], 5, 100).map((r) => r.runId)).toEqual(["c"]);
  });

  it("a job whose runs outlast its interval keeps one run waiting, not one per fire", () => {
    // Every minute; the first run holds the pool for ten minutes, as a run taking longer than the interval would.
    const job: JobTiming = { jobId: "j", schedule: { kind: "interval", every: 1, unit: "minutes" }, isActive: true, missedPolicy: "run_once", anchor: T0, nextFireAt: T0 + MIN };
    const queued: QueuedRun[] = [];
    const running = [{ runId: "r0", jobId: "j", deadlineAt: T0 + 30 * MIN, interruptedAt: null }];
    for (let minute = 1; minute <= 10; minute++) {
      const now = T0 + minute * MIN;
      const plan = planTick({ jobs: [job], queued, running, lastTickAt: now - MIN, concurrency: 1 }, now);
      expect(plan.fires).toHaveLength(1);
      for (const fire of plan.fires) {
        if (fire.shouldRun) queued.push(run(`q${minute}`, "j", "normal", now));
        job.nextFireAt = fire.nextFireAt;
      }
      expect(plan.start).toEqual([]);
    }
    expect(queued.map((r) => r.runId)).toEqual(["q1"]);
    expect(job.nextFireAt).toBe(T0 + 11 * MIN);
  });

  it("Run now keeps to the same one waiting run: it queues one behind the running run, then moves that one up instead of adding more", () => {
    const running = [{ runId: "r0", jobId: "j" }, { runId: "o0", jobId: "other" }];
    expect(decideRunNow("j", [], running)).toEqual({ kind: "queue", waitsFor: "r0" });
    expect(decideRunNow("j", [], [])).toEqual({ kind: "queue", waitsFor: null });
    // A retry waiting out its backoff, or the fire folded while r0 runs: pressed again, that run is the one to hurry.
    const waiting = [run("other-q", "other", "normal", 0), run("q2", "j", "normal", 20, 5 * MIN), run("q1", "j", "normal", 10)];
    expect(decideRunNow("j", waiting, running)).toEqual({ kind: "hurry", runId: "q1", waitsFor: "r0" });
    expect(decideRunNow("j", waiting, [])).toEqual({ kind: "hurry", runId: "q1", waitsFor: null });
  });
});

describe("watchdog", () => {
  it("interrupts at the deadline, then stops the process after the grace", () => {
    const fresh = { runId: "r", deadlineAt: 30 * MIN, interruptedAt: null };
    expect(watchdogActions([fresh], 29 * MIN)).toEqual([]);
    expect(watchdogActions([fresh], 30 * MIN)).toEqual([{ runId: "r", action: "interrupt" }]);
    const interrupted = { ...fresh, interruptedAt: 30 * MIN };
    expect(watchdogActions([interrupted], 30 * MIN + 1_000, 15_000)).toEqual([]);
    expect(watchdogActions([interrupted], 30 * MIN + 15_000, 15_000)).toEqual([{ runId: "r", action: "kill" }]);
  });

  it("time spent waiting for the user does not count: no timeout while waiting, the deadline moves on by the wait", () => {
    const clock = { now: T0 };
    let run = { runId: "r", jobId: "j", deadlineAt: T0 + 30 * MIN, interruptedAt: null as number | null, waitingSince: null as number | null };
    clock.now = T0 + 10 * MIN; // a permission prompt after 10 minutes of work
    run = { ...run, waitingSince: clock.now };
    clock.now = T0 + 2 * 60 * MIN; // the user answers two hours later
    expect(watchdogActions([run], clock.now)).toEqual([]);
    expect(nextWatchdogCheck([run])).toBeNull();
    expect(planTick({ jobs: [], queued: [], running: [run], lastTickAt: null, concurrency: 1 }, clock.now).wakeAt).toBeNull();
    run = { ...run, deadlineAt: deadlineAfterWaiting(run.deadlineAt, run.waitingSince!, clock.now), waitingSince: null };
    expect(run.deadlineAt).toBe(T0 + 2 * 60 * MIN + 20 * MIN); // 20 minutes of its 30 are left
    expect(watchdogActions([run], clock.now + 19 * MIN)).toEqual([]);
    expect(watchdogActions([run], clock.now + 20 * MIN)).toEqual([{ runId: "r", action: "interrupt" }]);
  });

  it("a run interrupted before it began to wait is still stopped after the grace", () => {
    const run = { runId: "r", deadlineAt: 30 * MIN, interruptedAt: 30 * MIN, waitingSince: 30 * MIN + 1_000 };
    expect(watchdogActions([run], 30 * MIN + 15_000, 15_000)).toEqual([{ runId: "r", action: "kill" }]);
    expect(nextWatchdogCheck([run], 15_000)).toBe(30 * MIN + 15_000);
  });

  it("the tick wakes for the deadline", () => {
    const plan = planTick({ jobs: [], queued: [], running: [{ runId: "r", jobId: "j", deadlineAt: T0 + 30 * MIN, interruptedAt: null }], lastTickAt: null, concurrency: 1 }, T0);
    expect(plan.wakeAt).toBe(T0 + 30 * MIN);
  });
});

describe("retries", () => {
  it("classifies overload and rate limits as transient, a quick death as a fast exit", () => {
    expect(classifyFailure("API Error: 529 Overloaded", 60_000)).toBe("transient");
    expect(classifyFailure("rate_limit_error: too many requests", 1_000)).toBe("transient");
    expect(classifyFailure("exit code 1", 800)).toBe("fast_exit");
    expect(classifyFailure("tests still fail", 120_000)).toBe("permanent");
    expect(classifyFailure("API error 400: bad request", 800, false)).toBe("permanent");
  });

  it("backs off exponentially up to a cap", () => {
    const options = { baseMs: 1_000, maxMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, options))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it("retries transient failures, then gives up", () => {
    const base = { kind: "transient", maxRetries: 2, fastExitsInARow: 0, isCorrectiveEnabled: true, isCorrective: false } as const;
    expect(decideAfterFailure({ ...base, retries: 0 }, { baseMs: 10, maxMs: 100 })).toEqual({ action: "retry", delayMs: 10 });
    expect(decideAfterFailure({ ...base, retries: 1 }, { baseMs: 10, maxMs: 100 })).toEqual({ action: "retry", delayMs: 20 });
    expect(decideAfterFailure({ ...base, retries: 2 })).toMatchObject({ action: "give_up" });
  });

  it("a job that exits at once every time stops and says why", () => {
    const base = { kind: "fast_exit", retries: 1, maxRetries: 5, isCorrectiveEnabled: true, isCorrective: false } as const;
    expect(decideAfterFailure({ ...base, fastExitsInARow: 2 })).toMatchObject({ action: "retry" });
    expect(decideAfterFailure({ ...base, fastExitsInARow: 3 })).toEqual({ action: "pause_job", reason: expect.stringContaining("each ended within 5 s") });
  });

  it("a real failure gets one corrective run, a corrective run none", () => {
    const base = { kind: "permanent", retries: 0, maxRetries: 3, fastExitsInARow: 0, isCorrectiveEnabled: true } as const;
    expect(decideAfterFailure({ ...base, isCorrective: false })).toEqual({ action: "corrective" });
    expect(decideAfterFailure({ ...base, isCorrective: true })).toMatchObject({ action: "give_up" });
    expect(decideAfterFailure({ ...base, isCorrective: false, isCorrectiveEnabled: false })).toMatchObject({ action: "give_up" });
  });
});

import { describe, expect, it } from "vitest";
import { firstFire } from "./fires.ts";
import type { Schedule } from "./schedule.ts";
import { planTick } from "./tick.ts";

const NY = "America/New_York";
const MIN = 60_000;
const inNewYork = (times: number[]) => times.map((t) => new Date(t).toLocaleString("sv-SE", { timeZone: NY }));
const cron = (expression: string): Schedule => ({ kind: "cron", expression, timezone: NY });

/** Ticks the pure scheduler once a minute from `from` to `to` and answers the fires that ran (as the service applies them). */
function runBetween(schedule: Schedule, from: number, to: number): number[] {
  const job = { jobId: "j", schedule, isActive: true, missedPolicy: "run_once" as const, anchor: from, nextFireAt: firstFire(schedule, from) };
  const ran: number[] = [];
  let lastTickAt: number | null = null;
  for (let now = from; now <= to; now += MIN) {
    const plan = planTick({ jobs: [job], queued: [], running: [], lastTickAt, concurrency: 1 }, now);
    for (const fire of plan.fires) {
      if (fire.shouldRun) ran.push(fire.scheduledFor);
      job.nextFireAt = fire.nextFireAt;
    }
    lastTickAt = now;
  }
  return ran;
}

// 2026 in New York: 02:00 → 03:00 on Sunday 8 March (07:00Z), 02:00 → 01:00 on Sunday 1 November (06:00Z).
const SPRING = { from: Date.UTC(2026, 2, 7, 5), to: Date.UTC(2026, 2, 10, 4) };
const AUTUMN = { from: Date.UTC(2026, 9, 31, 4), to: Date.UTC(2026, 10, 3, 5) };

describe("spring forward: a time the clocks skip", () => {
  it("runs a fixed time once, at the end of the gap", () => {
    expect(inNewYork(runBetween(cron("30 2 * * *"), SPRING.from, SPRING.to))).toEqual(["2026-03-07 02:30:00", "2026-03-08 03:00:00", "2026-03-09 02:30:00"]);
  });

  it("runs several skipped times once, at the end of the gap (the day had no run)", () => {
    const ran = inNewYork(runBetween(cron("*/30 2 * * *"), SPRING.from, SPRING.to));
    expect(ran).toEqual(["2026-03-07 02:00:00", "2026-03-07 02:30:00", "2026-03-08 03:00:00", "2026-03-09 02:00:00", "2026-03-09 02:30:00"]);
  });

  it("keeps a daily interval at its time of day", () => {
    const nine = { kind: "interval", every: 1, unit: "days", timezone: NY } as const;
    expect(inNewYork(runBetween(nine, Date.UTC(2026, 2, 6, 14), SPRING.to))).toEqual(["2026-03-07 09:00:00", "2026-03-08 09:00:00", "2026-03-09 09:00:00"]);
  });

  it("runs a daily interval whose time the clocks skip at the end of the gap that day only, and at its time after", () => {
    // Made at 02:30 on Saturday 7 March: it stayed at 03:00 for the rest of the season.
    const daily = { kind: "interval", every: 1, unit: "days", timezone: NY } as const;
    const ran = inNewYork(runBetween(daily, Date.UTC(2026, 2, 7, 7, 30), Date.UTC(2026, 2, 11, 8)));
    expect(ran).toEqual(["2026-03-08 03:00:00", "2026-03-09 02:30:00", "2026-03-10 02:30:00", "2026-03-11 02:30:00"]);
  });

  it("keeps an every-2-days interval's time after a fire the gap moved", () => {
    const everyOther = { kind: "interval", every: 2, unit: "days", timezone: NY } as const;
    const ran = inNewYork(runBetween(everyOther, Date.UTC(2026, 2, 6, 7, 15), Date.UTC(2026, 2, 13, 8)));
    expect(ran).toEqual(["2026-03-08 03:00:00", "2026-03-10 02:15:00", "2026-03-12 02:15:00"]);
  });
});

describe("fall back: a time the clocks show twice", () => {
  it("runs a fixed time once, at its first occurrence", () => {
    const ran = runBetween(cron("30 1 * * *"), AUTUMN.from, AUTUMN.to);
    expect(inNewYork(ran)).toEqual(["2026-10-31 01:30:00", "2026-11-01 01:30:00", "2026-11-02 01:30:00"]);
    expect(ran[1]).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it("runs each of several fixed times in the repeated hour once (they ran twice)", () => {
    const ran = inNewYork(runBetween(cron("*/30 1 * * *"), Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 2, 4)));
    expect(ran).toEqual(["2026-11-01 01:00:00", "2026-11-01 01:30:00"]);
  });

  it("keeps a daily interval at its time of day", () => {
    const nine = { kind: "interval", every: 1, unit: "days", timezone: NY } as const;
    expect(inNewYork(runBetween(nine, Date.UTC(2026, 9, 30, 13), AUTUMN.to))).toEqual(["2026-10-31 09:00:00", "2026-11-01 09:00:00", "2026-11-02 09:00:00"]);
  });
});

describe("a schedule over every hour follows real time", () => {
  it("runs hourly through the repeated hour and straight past the skipped one", () => {
    // From midnight to 23:00 on each day, in New York.
    const autumnDay = runBetween(cron("0 * * * *"), Date.UTC(2026, 10, 1, 3, 59), Date.UTC(2026, 10, 2, 4, 30));
    expect(autumnDay).toHaveLength(25);
    const springDay = runBetween(cron("0 * * * *"), Date.UTC(2026, 2, 8, 4, 59), Date.UTC(2026, 2, 9, 3, 30));
    expect(springDay).toHaveLength(23);
  });
});

describe("a job at 02:30 every day in Berlin, across both of its clock changes", () => {
  const BERLIN = "Europe/Berlin";
  const inBerlin = (times: number[]) => times.map((t) => new Date(t).toLocaleString("sv-SE", { timeZone: BERLIN }));
  const daily = { cron: { kind: "cron", expression: "30 2 * * *", timezone: BERLIN }, "a daily interval at 02:30": { kind: "interval", every: 1, unit: "days", timezone: BERLIN, at: "02:30" } } satisfies Record<string, Schedule>;

  // 2027: 02:00 → 03:00 on Sunday 28 March (01:00Z). 2026: 03:00 → 02:00 on Sunday 25 October (01:00Z).
  it.each(Object.entries(daily))("%s runs every day once: at the gap's end the day 02:30 is skipped, at its first 02:30 the day it is shown twice", (_, schedule) => {
    expect(inBerlin(runBetween(schedule, Date.UTC(2027, 2, 26, 12), Date.UTC(2027, 2, 30, 12)))).toEqual(["2027-03-27 02:30:00", "2027-03-28 03:00:00", "2027-03-29 02:30:00", "2027-03-30 02:30:00"]);
    const autumn = runBetween(schedule, Date.UTC(2026, 9, 23, 12), Date.UTC(2026, 9, 27, 12));
    expect(inBerlin(autumn)).toEqual(["2026-10-24 02:30:00", "2026-10-25 02:30:00", "2026-10-26 02:30:00", "2026-10-27 02:30:00"]);
    expect(autumn[1]).toBe(Date.UTC(2026, 9, 25, 0, 30)); // the first 02:30 (summer time), not the second
  });
});

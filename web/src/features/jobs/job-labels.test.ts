import { describe, expect, it } from "vitest";
import { formatTime, jobTiming, shortSchedule } from "./job-labels.ts";

const AT = Date.UTC(2026, 11, 2, 22, 21);
const NOW = AT - 3_600_000;
const once = { schedule: { kind: "once" as const, at: AT }, nextFireAt: AT, lastFireAt: null };
const byHand = { trigger: "manual" as const, queuedAt: NOW, startedAt: NOW + 1_000 };

describe("jobTiming", () => {
  it("says a once job's time in one line, in the format of every other time", () => {
    expect(jobTiming(once, [], "UTC")).toBe(`Runs once at ${formatTime(AT)}`);
    expect(shortSchedule(once.schedule)).toBe(`once, ${formatTime(AT)}`);
  });

  it("says a once job run by hand before its time still runs at its time (the scheduler keeps that fire)", () => {
    expect(jobTiming(once, [byHand], "UTC")).toBe(`Runs once at ${formatTime(AT)}; ran now at ${formatTime(NOW + 1_000)}, and still runs at its time`);
  });

  it("says a once job that has fired runs no more", () => {
    expect(jobTiming({ ...once, nextFireAt: null, lastFireAt: AT }, [], "UTC")).toBe(`Ran once at ${formatTime(AT)}; no more runs scheduled`);
    expect(jobTiming({ ...once, nextFireAt: null }, [byHand], "UTC")).toBe(`Once at ${formatTime(AT)}; ran now at ${formatTime(NOW + 1_000)}; no more runs scheduled`);
  });

  it("gives a repeating job's next run", () => {
    const daily = { schedule: { kind: "interval" as const, every: 1, unit: "days" as const }, nextFireAt: AT, lastFireAt: null };
    expect(jobTiming(daily, [byHand], "UTC")).toBe(`Next run ${formatTime(AT)}`);
    expect(jobTiming({ ...daily, nextFireAt: null }, [], "UTC")).toBe("No more runs scheduled");
  });

  it("says a next run is in the viewer's time when the schedule keeps another zone's clock", () => {
    const weekly = { schedule: { kind: "cron" as const, expression: "0 9 * * 1", timezone: "Europe/Berlin" }, nextFireAt: AT, lastFireAt: null };
    expect(jobTiming(weekly, [], "UTC")).toBe(`Next run ${formatTime(AT)} (your time)`);
    expect(jobTiming(weekly, [], "Europe/Berlin")).toBe(`Next run ${formatTime(AT)}`);
    const daily = { schedule: { kind: "interval" as const, every: 1, unit: "days" as const, at: "09:00", timezone: "Asia/Tokyo" }, nextFireAt: AT, lastFireAt: null };
    expect(jobTiming(daily, [], "UTC")).toBe(`Next run ${formatTime(AT)} (your time)`);
  });
});

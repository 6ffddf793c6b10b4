import { describe, expect, it } from "vitest";
import { formatTime, jobTiming, shortSchedule } from "./job-labels.ts";

const AT = Date.UTC(2026, 11, 2, 22, 21);
const NOW = AT - 3_600_000;
const once = { schedule: { kind: "once" as const, at: AT }, nextFireAt: AT, lastFireAt: null };
const byHand = { trigger: "manual" as const, queuedAt: NOW, startedAt: NOW + 1_000 };

describe("jobTiming", () => {
  it("says a once job's time in one line, in the format of every other time", () => {
    expect(jobTiming(once, [])).toBe(`Runs once at ${formatTime(AT)}`);
    expect(shortSchedule(once.schedule)).toBe(`once, ${formatTime(AT)}`);
  });

  it("says a once job run by hand before its time still runs at its time (the scheduler keeps that fire)", () => {
    expect(jobTiming(once, [byHand])).toBe(`Runs once at ${formatTime(AT)}; ran now at ${formatTime(NOW + 1_000)}, and still runs at its time`);
  });

  it("says a once job that has fired runs no more", () => {
    expect(jobTiming({ ...once, nextFireAt: null, lastFireAt: AT }, [])).toBe(`Ran once at ${formatTime(AT)}; no more runs scheduled`);
    expect(jobTiming({ ...once, nextFireAt: null }, [byHand])).toBe(`Once at ${formatTime(AT)}; ran now at ${formatTime(NOW + 1_000)}; no more runs scheduled`);
  });

  it("gives a repeating job's next run", () => {
    const daily = { schedule: { kind: "interval" as const, every: 1, unit: "days" as const }, nextFireAt: AT, lastFireAt: null };
    expect(jobTiming(daily, [byHand])).toBe(`Next run ${formatTime(AT)}`);
    expect(jobTiming({ ...daily, nextFireAt: null }, [])).toBe("No more runs scheduled");
  });
});

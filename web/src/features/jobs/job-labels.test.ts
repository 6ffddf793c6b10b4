import { describe, expect, it } from "vitest";
import { clockChangeNote, formatTime, jobTiming, shortSchedule } from "./job-labels.ts";

const AT = Date.UTC(2026, 11, 2, 22, 21);
const NOW = AT - 3_600_000;
const once = { schedule: { kind: "once" as const, at: AT }, nextFireAt: AT, lastFireAt: null };
const byHand = { trigger: "manual" as const, queuedAt: NOW, startedAt: NOW + 1_000 };

describe("jobTiming", () => {
  it("says a once job's time in one line, in the format of every other time, on the viewer's named clock", () => {
    expect(jobTiming(once, [], "UTC")).toBe(`Runs once at ${formatTime(AT)} (your time, UTC)`);
    expect(jobTiming(once, [], "Asia/Tokyo")).toBe(`Runs once at ${formatTime(AT)} (your time, Asia/Tokyo)`);
    expect(shortSchedule(once.schedule)).toBe(`once, ${formatTime(AT)}`);
  });

  it("says a once job run by hand before its time still runs at its time (the scheduler keeps that fire)", () => {
    expect(jobTiming(once, [byHand], "UTC")).toBe(`Runs once at ${formatTime(AT)} (your time, UTC); ran now at ${formatTime(NOW + 1_000)}, and still runs at its time`);
  });

  it("says a once job that has fired runs no more", () => {
    expect(jobTiming({ ...once, nextFireAt: null, lastFireAt: AT }, [], "UTC")).toBe(`Ran once at ${formatTime(AT)} (your time, UTC); no more runs scheduled`);
    expect(jobTiming({ ...once, nextFireAt: null }, [byHand], "UTC")).toBe(`Once at ${formatTime(AT)} (your time, UTC); ran now at ${formatTime(NOW + 1_000)}; no more runs scheduled`);
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

describe("clockChangeNote", () => {
  const berlin = { kind: "cron" as const, expression: "30 2 * * *", timezone: "Europe/Berlin" };
  // 2027-03-28: Berlin's clocks go from 02:00 to 03:00 (01:00Z); the scheduler runs the skipped 02:30 at 03:00.
  const gapEnd = Date.UTC(2027, 2, 28, 1, 0);
  const onTime = Date.UTC(2027, 2, 29, 0, 30);
  const day = new Date(gapEnd).toLocaleString(undefined, { month: "short", day: "numeric", timeZone: "Europe/Berlin" });

  it("says why the run after spring's gap is not at the schedule's time (a cron or a day interval's time of day)", () => {
    const note = `. The clocks in Europe/Berlin skip 02:30 on ${day}: that run is at 03:00 there.`;
    expect(jobTiming({ schedule: berlin, nextFireAt: gapEnd, lastFireAt: null }, [], "UTC")).toBe(`Next run ${formatTime(gapEnd)} (your time)${note}`);
    expect(clockChangeNote({ kind: "interval", every: 1, unit: "days", at: "02:30", timezone: "Europe/Berlin" }, [Date.UTC(2027, 2, 27, 1, 30), gapEnd, onTime])).toBe(note);
  });

  it("says nothing of runs at their time, of a job set for the gap's end itself, or of schedules without a time of day", () => {
    expect(clockChangeNote(berlin, [onTime, Date.UTC(2026, 9, 25, 0, 30)])).toBe("");
    expect(clockChangeNote({ ...berlin, expression: "0 3 * * *" }, [gapEnd])).toBe("");
    expect(clockChangeNote({ ...berlin, expression: "*/30 * * * *" }, [gapEnd])).toBe("");
    expect(clockChangeNote({ kind: "interval", every: 1, unit: "days", timezone: "Europe/Berlin" }, [gapEnd])).toBe("");
  });
});

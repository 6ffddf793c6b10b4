import { describe, expect, it } from "vitest";
import { nextFireAfter, nextFires, ScheduleError, validateSchedule, type Schedule } from "./schedule.ts";

const NY = "America/New_York";
const inNewYork = (times: number[]) => times.map((t) => new Date(t).toLocaleString("sv-SE", { timeZone: NY }));
const cron = (expression: string, timezone = NY): Schedule => ({ kind: "cron", expression, timezone });

describe("intervals", () => {
  const every15 = { kind: "interval", every: 15, unit: "minutes" } as const;

  it("keeps its rhythm from the anchor, whatever the moment asked", () => {
    const anchor = Date.UTC(2026, 0, 1, 10, 0);
    expect(nextFireAfter(every15, anchor, anchor)).toBe(anchor + 15 * 60_000);
    expect(nextFireAfter(every15, anchor + 16 * 60_000, anchor)).toBe(anchor + 30 * 60_000);
    expect(nextFires(every15, anchor, anchor, 3)).toEqual([1, 2, 3].map((n) => anchor + n * 15 * 60_000));
  });

  it("counts days on the clocks of its zone", () => {
    expect(nextFireAfter({ kind: "interval", every: 2, unit: "days", timezone: "UTC" }, 0, 0)).toBe(2 * 86_400_000);
  });

  it("keeps a daily 09:00 at 09:00 across both clock changes (it ran at 10:00, then 08:00)", () => {
    const daily = { kind: "interval", every: 1, unit: "days", timezone: NY } as const;
    const spring = Date.UTC(2026, 2, 6, 14); // 09:00 EST on Friday 6 March; the clocks go forward on Sunday the 8th
    expect(inNewYork(nextFires(daily, spring, spring, 4))).toEqual(["2026-03-07 09:00:00", "2026-03-08 09:00:00", "2026-03-09 09:00:00", "2026-03-10 09:00:00"]);
    const autumn = Date.UTC(2026, 9, 30, 13); // 09:00 EDT on Friday 30 October; back on Sunday 1 November
    expect(inNewYork(nextFires(daily, autumn, autumn, 3))).toEqual(["2026-10-31 09:00:00", "2026-11-01 09:00:00", "2026-11-02 09:00:00"]);
  });

  it("finds the right day from a fire long after its anchor, and the scheduler's next fire from the last one", () => {
    const weekly = { kind: "interval", every: 7, unit: "days", timezone: "Europe/Berlin" } as const;
    const anchor = Date.UTC(2026, 0, 5, 8); // Monday 09:00 in Berlin (winter)
    const inBerlin = (t: number | null) => new Date(t!).toLocaleString("sv-SE", { timeZone: "Europe/Berlin" });
    expect(inBerlin(nextFireAfter(weekly, Date.UTC(2026, 5, 1), anchor))).toBe("2026-06-01 09:00:00");
    expect(inBerlin(nextFireAfter(weekly, Date.UTC(2026, 5, 1, 7), anchor))).toBe("2026-06-08 09:00:00");
  });

  it("runs a day whose time the clocks skip once, at the end of the gap, and a repeated time at its first occurrence", () => {
    const at0230 = Date.UTC(2026, 2, 7, 7, 30); // 02:30 EST on 7 March; 02:30 does not exist on the 8th
    expect(inNewYork(nextFires({ kind: "interval", every: 1, unit: "days", timezone: NY }, at0230, at0230, 1))).toEqual(["2026-03-08 03:00:00"]);
    const at0130 = Date.UTC(2026, 9, 31, 5, 30); // 01:30 EDT on 31 October; 01:30 happens twice on 1 November
    expect(nextFireAfter({ kind: "interval", every: 1, unit: "days", timezone: NY }, at0130, at0130)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it("refuses an unknown zone", () => {
    expect(() => validateSchedule({ kind: "interval", every: 1, unit: "days", timezone: "Mars/Olympus" }, 0)).toThrow(/Unknown time zone/);
  });
});

describe("cron", () => {
  it("fires at the wall-clock time in its zone, across the spring-forward change", () => {
    const times = nextFires(cron("0 9 * * *"), Date.UTC(2026, 2, 6, 15), 0, 4);
    expect(inNewYork(times)).toEqual(["2026-03-07 09:00:00", "2026-03-08 09:00:00", "2026-03-09 09:00:00", "2026-03-10 09:00:00"]);
    expect(times[2]! - times[1]!).toBe(24 * 3_600_000);
    expect(times[1]! - times[0]!).toBe(23 * 3_600_000);
  });

  it("runs a time the spring-forward skips once, just after the gap", () => {
    const times = inNewYork(nextFires(cron("30 2 * * *"), Date.UTC(2026, 2, 7, 12), 0, 2));
    expect(times).toEqual(["2026-03-08 03:00:00", "2026-03-09 02:30:00"]);
  });

  it("runs a time the fall-back repeats only once", () => {
    const times = nextFires(cron("30 1 * * *"), Date.UTC(2026, 9, 31, 12), 0, 2);
    expect(inNewYork(times)).toEqual(["2026-11-01 01:30:00", "2026-11-02 01:30:00"]);
    expect(times[1]! - times[0]!).toBe(25 * 3_600_000);
  });

  it("skips months without the day, and L means the month's last day", () => {
    expect(inNewYork(nextFires(cron("0 9 31 * *"), Date.UTC(2026, 0, 1), 0, 3))).toEqual(["2026-01-31 09:00:00", "2026-03-31 09:00:00", "2026-05-31 09:00:00"]);
    expect(inNewYork(nextFires(cron("0 9 L * *"), Date.UTC(2026, 0, 1), 0, 3))).toEqual(["2026-01-31 09:00:00", "2026-02-28 09:00:00", "2026-03-31 09:00:00"]);
    expect(inNewYork(nextFires(cron("0 9 29 2 *"), Date.UTC(2026, 0, 1), 0, 1))).toEqual(["2028-02-29 09:00:00"]);
  });

  it("reads the same expression in another zone", () => {
    expect(nextFireAfter(cron("0 9 * * *", "Europe/Berlin"), Date.UTC(2026, 5, 1, 0), 0)).toBe(Date.UTC(2026, 5, 1, 7));
  });
});

describe("validation", () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    [cron("61 * * * *"), /Invalid cron/],
    // Named by the field and the number typed (croner said "Invalid value for day: 31" for a 32, "month: 12" for a 13).
    [cron("61 * * * *"), 'Invalid cron expression "61 * * * *": the minute is 0–59; 61 is not.'],
    [cron("0 9 32 * *"), 'Invalid cron expression "0 9 32 * *": the day of the month is 1–31; 32 is not.'],
    [cron("0 9 0 * *"), "the day of the month is 1–31; 0 is not."],
    [cron("0 9 * 1-13 *"), "the month is 1–12; 13 is not."],
    [cron("0 2 * * 8"), "the weekday is 0–7 (Sunday is 0 or 7); 8 is not."],
    [cron("0 24/2 * * *"), "the hour is 0–23; 24 is not."],
    [cron("*/0 * * * *"), /^Invalid cron expression "\*\/0 \* \* \* \*": Syntax error, illegal stepping: 0$/],
    [cron("* * *"), /five fields/],
    [cron("0 9 * * *", "Mars/Olympus"), /Unknown time zone/],
    [{ kind: "once", at: now - 1 } as Schedule, /in the past/],
    [{ kind: "interval", every: 0, unit: "minutes" } as Schedule, /at least 1/],
    [cron("0 9 31 2 *"), /never fires/],
    [{ kind: "once", at: 1e20 } as Schedule, /not a valid time/],
  ])("refuses %j", (schedule, message) => {
    expect(() => validateSchedule(schedule, now)).toThrow(ScheduleError);
    expect(() => validateSchedule(schedule, now)).toThrow(message);
  });

  it("accepts good ones, and a once-schedule in the past has no next fire", () => {
    expect(() => validateSchedule(cron("*/5 9-17 * * 1-5"), now)).not.toThrow();
    // Day of month and weekday both given: either matches (cron's rule), so 30 February on weekdays still fires.
    expect(() => validateSchedule(cron("0 0 30 2 1-5"), now)).not.toThrow();
    expect(nextFireAfter({ kind: "once", at: now }, now, now)).toBeNull();
  });
});

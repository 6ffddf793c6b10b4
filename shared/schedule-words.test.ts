import { describe, expect, it } from "vitest";
import type { ScheduleSpec } from "./protocol/jobs.ts";
import { describeCron, describeSchedule } from "./schedule-words.ts";

const cron = (expression: string, timezone = "America/New_York"): ScheduleSpec => ({ kind: "cron", expression, timezone });

describe("in words", () => {
  it.each([
    ["0 9 * * 1-5", "at 09:00 on Monday to Friday"],
    ["*/15 * * * *", "every 15 minutes"],
    ["0 * * * *", "every hour, on the hour"],
    ["30 8 1,15 * *", "at 08:30 on day 1 and 15 of the month"],
    ["0 6 * 1 0", "at 06:00 on Sunday in January"],
    ["0 9 1 * 1", "at 09:00 on day 1 of the month or on Monday"],
    ["*/15 9-17 * * 1-5", "every 15 minutes from 09:00 to 17:45 on Monday to Friday"],
    ["*/20 9 * * *", "every 20 minutes from 09:00 to 09:40"],
    ["* 22-23 * * *", "every minute from 22:00 to 23:59"],
    ["*/30 9,12 * * *", "every 30 minutes in hours 9 and 12"],
    ["*/10 */2 * * *", "every 10 minutes in every 2nd hour"],
  ])("%s → %s", (expression, words) => {
    expect(describeCron(expression)).toBe(words);
  });

  it("names intervals and zones", () => {
    const format = (ms: number) => new Date(ms).toISOString();
    expect(describeSchedule({ kind: "interval", every: 1, unit: "hours" }, format)).toBe("every hour");
    expect(describeSchedule({ kind: "interval", every: 3, unit: "days" }, format)).toBe("every 3 days");
    expect(describeSchedule(cron("0 9 * * *", "Europe/Berlin"), format)).toBe("at 09:00 (Europe/Berlin)");
  });
});

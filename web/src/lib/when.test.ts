import { describe, expect, it } from "vitest";
import { dateAndTime, timeOrDayAndTime } from "./when.ts";

describe("when", () => {
  const at = new Date(2026, 11, 6, 21, 12, 48).getTime();

  it("writes a day and a time without seconds, the day's month in words", () => {
    const text = dateAndTime(at);
    expect(text).toBe(new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
    expect(text).not.toContain("48");
    expect(text).not.toBe(new Date(at).toLocaleString());
  });

  it("writes the time alone for today, and the day beside it for another day", () => {
    expect(timeOrDayAndTime(at, at + 60_000)).toBe(new Date(at).toLocaleTimeString(undefined, { timeStyle: "short" }));
    const dayAfter = at + 24 * 3_600_000;
    expect(timeOrDayAndTime(at, dayAfter)).toBe(new Date(at).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }));
    expect(timeOrDayAndTime(at, dayAfter)).not.toBe(timeOrDayAndTime(at, at));
  });
});

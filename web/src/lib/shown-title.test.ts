import { describe, expect, it } from "vitest";
import type { JobId } from "../../../shared/index.ts";
import { runTitleTime } from "../../../shared/run-title.ts";
import { conversationTitle, sessionTitle, untimedTitle } from "./shown-title.ts";

const JOB = "job_1" as JobId;
const AT = Date.UTC(2026, 11, 7, 0, 33);
const viewerTime = new Date(AT).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
const tokyo = runTitleTime(AT, "Asia/Tokyo");

describe("a run's title as a screen shows it", () => {
  it("names the run's time on the viewer's clock, not the job's", () => {
    expect(sessionTitle({ title: `Job: Check · ${tokyo}`, name: "lupus", jobId: JOB, createdAt: AT })).toBe(`Job: Check · ${viewerTime}`);
    expect(conversationTitle({ title: `Check · catch-up · ${tokyo}`, jobId: JOB, createdAt: AT })).toBe(`Check · catch-up · ${viewerTime}`);
  });

  it("leaves every other title as it is: renamed runs, and the user's own titles that merely end alike", () => {
    expect(sessionTitle({ title: "Job: Check (renamed)", name: "lupus", jobId: JOB, createdAt: AT })).toBe("Job: Check (renamed)");
    expect(sessionTitle({ title: null, name: "lupus", jobId: JOB, createdAt: AT })).toBe("lupus");
    expect(conversationTitle({ title: `Notes · ${tokyo}`, jobId: null, createdAt: AT })).toBe(`Notes · ${tokyo}`);
  });

  it("takes the time off for a row that names it beside the title", () => {
    expect(untimedTitle(`Check · ${tokyo}`, "job_1")).toBe("Check");
    expect(untimedTitle(`Notes · ${tokyo}`, null)).toBe(`Notes · ${tokyo}`);
  });
});

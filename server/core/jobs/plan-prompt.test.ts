import { describe, expect, it } from "vitest";
import { parsePlan } from "./plan-prompt.ts";

describe("reading a proposed plan", () => {
  const plan = { assessment: "Coverage is 70 %.", jobs: [{ name: "Parser tests", prompt: "Add tests", schedule: { kind: "interval", every: 1, unit: "days" } }] };

  it("finds the JSON inside prose or a code fence, and fills defaults", () => {
    const parsed = parsePlan(`Here is the plan:\n\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``);
    expect(parsed.jobs[0]).toMatchObject({ name: "Parser tests", priority: "normal" });
  });

  it("says clearly what is wrong with a bad answer", () => {
    expect(() => parsePlan("I cannot plan that.")).toThrow(/no JSON plan/);
    expect(() => parsePlan("{ not json }")).toThrow(/not valid JSON/);
    expect(() => parsePlan(JSON.stringify({ assessment: "x", jobs: [] }))).toThrow(/does not fit: jobs/);
  });

  it("gives a cron schedule the planner left without a zone the zone of the device that asked, as it does a day interval", () => {
    const cron = (schedule: object) => JSON.stringify({ assessment: "Nightly.", jobs: [{ name: "Audit", prompt: "Audit deps", schedule }] });
    expect(parsePlan(cron({ kind: "cron", expression: "30 2 * * *" }), "America/New_York").jobs[0]?.schedule).toEqual({ kind: "cron", expression: "30 2 * * *", timezone: "America/New_York" });
    expect(parsePlan(cron({ kind: "cron", expression: "0 9 * * 1", timezone: null }), "Europe/Berlin").jobs[0]?.schedule).toMatchObject({ timezone: "Europe/Berlin" });
    expect(parsePlan(cron({ kind: "cron", expression: "0 9 * * 1" })).jobs[0]?.schedule).toMatchObject({ timezone: "UTC" });
    expect(parsePlan(cron({ kind: "cron", expression: "0 9 * * 1", timezone: "Asia/Tokyo" }), "Europe/Berlin").jobs[0]?.schedule).toMatchObject({ timezone: "Asia/Tokyo" });
    expect(parsePlan(JSON.stringify(plan), "Europe/Berlin").jobs[0]?.schedule).toEqual({ kind: "interval", every: 1, unit: "days", timezone: "Europe/Berlin" });
    expect(parsePlan(cron({ kind: "interval", every: 2, unit: "hours" }), "Europe/Berlin").jobs[0]?.schedule).toEqual({ kind: "interval", every: 2, unit: "hours" });
  });
});

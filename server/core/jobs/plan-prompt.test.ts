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
});

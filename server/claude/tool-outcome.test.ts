import { describe, expect, it } from "vitest";
import { toolOutcome } from "./tool-outcome.ts";

const meta = (extra: Record<string, unknown>) => ({ id: "toolu_1", ...extra });

describe("toolOutcome", () => {
  it("reads 2.1.330's tool_result_meta: a rejection is a denial, a user-rejected call without one was interrupted", () => {
    expect(toolOutcome("Keep planning.", meta({ non_execution_kind: "permission-rule", permission_decision: { decision: "reject", source: "user_reject" } }), false)).toBe("denied");
    expect(toolOutcome("needs approval", meta({ non_execution_kind: "user-rejected", permission_decision: { decision: "reject", source: "config" } }), false)).toBe("denied");
    expect(toolOutcome("The user doesn't want to proceed", meta({ non_execution_kind: "user-rejected" }), false)).toBe("interrupted");
    expect(toolOutcome("skipped", meta({ non_execution_kind: "some-new-kind" }), false)).toBe("cancelled");
  });

  it("falls back to the text and ChatML's own answer on 2.1.119", () => {
    expect(toolOutcome("Exit code 137\n[Request interrupted by user for tool use]", undefined, false)).toBe("interrupted");
    expect(toolOutcome("Tool permission request failed: AbortError", undefined, false)).toBe("interrupted");
    expect(toolOutcome("The user does not want this command run.", undefined, true)).toBe("denied");
  });

  it("leaves a real failure a failure", () => {
    expect(toolOutcome("Exit code 2\nls: no such file", undefined, false)).toBeUndefined();
    expect(toolOutcome("Error", meta({ permission_decision: { decision: "accept", source: "config" } }), false)).toBeUndefined();
  });
});

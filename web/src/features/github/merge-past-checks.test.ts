import { describe, expect, it } from "vitest";
import type { CheckRun } from "../../../../shared/index.ts";
import { checksMergeGoesPast } from "./merge-past-checks.ts";

const check = (name: string, status: CheckRun["status"], conclusion: string | null = null): CheckRun => ({ id: name.length, name, status, conclusion, url: null, jobId: null });

describe("checksMergeGoesPast", () => {
  it("says nothing when every check passed or was skipped, or none ran: one tap merges", () => {
    expect(checksMergeGoesPast([])).toBeNull();
    expect(checksMergeGoesPast([check("test", "completed", "success"), check("docs", "completed", "skipped"), check("lint", "completed", "neutral")])).toBeNull();
  });

  it("names the failed checks, then the ones still running or queued", () => {
    expect(checksMergeGoesPast([check("test", "completed", "failure"), check("e2e", "completed", "timed_out"), check("lint", "completed", "success")])).toBe("test, e2e failed.");
    expect(checksMergeGoesPast([check("lint", "in_progress")])).toBe("lint is still running.");
    expect(checksMergeGoesPast([check("lint", "queued"), check("build", "in_progress"), check("test", "completed", "cancelled")])).toBe("test failed, and lint, build are still running.");
  });
});

import { describe, expect, it } from "vitest";
import { NO_LIMITS } from "../../../shared/protocol/budgets.ts";
import { EMPTY_TOTALS, limitMessage } from "./usage-totals.ts";

describe("limitMessage", () => {
  it("says a budget of one model turn in the singular, and of more in the plural", () => {
    expect(limitMessage("turns", { ...NO_LIMITS, maxTurns: 1 }, { ...EMPTY_TOTALS, turns: 1 })).toBe("The turn budget of 1 model turn is used up (1 taken). Raise it in Session controls to continue.");
    expect(limitMessage("turns", { ...NO_LIMITS, maxTurns: 4 }, { ...EMPTY_TOTALS, turns: 4 })).toMatch(/^The turn budget of 4 model turns is used up \(4 taken\)/);
  });

  it("sends a job run's turn stop to its workspace's settings, where a run's turn budget comes from", () => {
    expect(limitMessage("turns", { ...NO_LIMITS, maxTurns: 2 }, { ...EMPTY_TOTALS, turns: 3 }, "job")).toBe(
      "The turn budget of 2 model turns is used up (3 taken). A run's turn budget is its workspace's default: raise it in the workspace's settings, then run the job again.",
    );
  });

  it("reads a $0.20 budget and what it spent as money, not as $0.2000", () => {
    expect(limitMessage("cost", { ...NO_LIMITS, maxCostUsd: 0.2 }, { ...EMPTY_TOTALS, costUsd: 0.2134 })).toMatch(/^The cost budget of \$0\.20 is used up \(\$0\.21 spent\)\./);
  });
});

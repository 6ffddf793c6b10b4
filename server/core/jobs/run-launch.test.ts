import { describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import { NO_LIMITS, type BudgetState } from "../../../shared/protocol/budgets.ts";
import { RUN_BUDGET_STOP_PREFIX, RUN_TURN_BUDGET_STOP_PREFIX } from "../../../shared/protocol/jobs.ts";
import { EMPTY_TOTALS } from "../budgets/usage-totals.ts";
import { budgetStopReason, runTitle } from "./run-launch.ts";

const state = (exhausted: BudgetState["exhausted"]): BudgetState => ({
  conversationId: "cnv_runlaunch0001" as ConversationId,
  limits: { ...NO_LIMITS, maxTurns: 2, maxCostUsd: 0.05 },
  isOwn: true,
  totals: { ...EMPTY_TOTALS, turns: 3, costUsd: 0.06 },
  exhausted,
});

describe("a run's budget stop, as its error says it", () => {
  it("starts a turn stop as the run's screen tells one (a turn budget is the workspace's), and a cost stop not", () => {
    expect(`${RUN_BUDGET_STOP_PREFIX}${budgetStopReason(state("turns"))}`).toBe(`${RUN_TURN_BUDGET_STOP_PREFIX}2 model turns is used up (3 taken).`);
    expect(`${RUN_BUDGET_STOP_PREFIX}${budgetStopReason(state("cost"))}`.startsWith(RUN_TURN_BUDGET_STOP_PREFIX)).toBe(false);
  });

  it("says one turn in the singular (it said '1 model turns')", () => {
    const one = { ...state("turns"), limits: { ...NO_LIMITS, maxTurns: 1 } };
    expect(budgetStopReason(one)).toBe("the turn budget of 1 model turn is used up (3 taken).");
  });
});

describe("a run's title", () => {
  it("names its job and when it started, so one job's runs differ in the sessions lists (all were 'Job: Check files')", () => {
    const at = Date.UTC(2026, 4, 4, 7);
    expect(runTitle("Check files", "schedule", at, "Europe/Berlin")).toBe("Check files · 4 May, 09:00");
    expect(runTitle("Check files", "manual", at + 60_000, "Europe/Berlin")).toBe("Check files · 4 May, 09:01");
    expect(runTitle("Check files", "missed", at, "America/New_York")).toBe("Check files · 4 May, 03:00");
  });

  it("of a corrective run, which works in the failed run's session, says it fixes the job", () => {
    expect(runTitle("Check files", "corrective", Date.UTC(2026, 4, 4, 7), "Europe/Berlin")).toBe("Fix: Check files");
  });
});

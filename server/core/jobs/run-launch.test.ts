import { describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import { NO_LIMITS, type BudgetState } from "../../../shared/protocol/budgets.ts";
import { RUN_BUDGET_STOP_PREFIX, RUN_TURN_BUDGET_STOP_PREFIX } from "../../../shared/protocol/jobs.ts";
import { EMPTY_TOTALS } from "../budgets/usage-totals.ts";
import { runTitleWithoutTime } from "../../../shared/run-title.ts";
import { budgetStopReason, jobClockZone, runTitle } from "./run-launch.ts";

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
  });

  it("of a catch-up run (fires missed while ChatML was down or the repository removed) says it catches up", () => {
    expect(runTitle("Check files", "missed", Date.UTC(2026, 4, 4, 7), "America/New_York")).toBe("Check files · catch-up · 4 May, 03:00");
  });

  it("names the time on the job's own clock: a cron's zone, a day interval's, else the server's (it was always the server's)", () => {
    expect(jobClockZone({ kind: "cron", expression: "0 9 * * *", timezone: "Asia/Tokyo" })).toBe("Asia/Tokyo");
    expect(jobClockZone({ kind: "interval", every: 1, unit: "days", timezone: "America/New_York" })).toBe("America/New_York");
    const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(jobClockZone({ kind: "interval", every: 1, unit: "days" })).toBe(serverZone);
    expect(jobClockZone({ kind: "interval", every: 5, unit: "minutes" })).toBe(serverZone);
    expect(jobClockZone({ kind: "once", at: 0 })).toBe(serverZone);
  });

  it("gives up its time to a browser that names it itself, in every month (en-GB writes September 'Sept')", () => {
    for (let month = 0; month < 12; month++) {
      const title = `Job: ${runTitle("Check · files", "schedule", Date.UTC(2026, month, 28, 23, 5), "UTC")}`;
      expect(runTitleWithoutTime(title)).toBe("Job: Check · files");
    }
    expect(runTitleWithoutTime(`Job: ${runTitle("Check files", "missed", 0, "UTC")}`)).toBe("Job: Check files · catch-up");
    expect(runTitleWithoutTime("Job: Check files")).toBeNull();
    expect(runTitleWithoutTime("Renamed · by me")).toBeNull();
  });

  it("of a corrective run, which works in the failed run's session, says it fixes the job", () => {
    expect(runTitle("Check files", "corrective", Date.UTC(2026, 4, 4, 7), "Europe/Berlin")).toBe("Fix: Check files");
  });
});

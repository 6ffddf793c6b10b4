// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NO_LIMITS, type BudgetState, type ConversationId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { BudgetBars } from "./budget-bars.tsx";
import { BudgetForm } from "./budget-form.tsx";

isolateDomTests();

describe("budget bars beside the budget form", () => {
  it("name each bar apart from the box that sets its limit, so a screen reader tells them apart", () => {
    const budget: BudgetState = {
      conversationId: "cnv_budgetbars01" as ConversationId,
      limits: { ...NO_LIMITS, maxCostUsd: 2, maxTurns: 10 },
      isOwn: true,
      totals: { costUsd: 0.5, turns: 3, runs: 3, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: null },
      exhausted: null,
    };
    render(<><BudgetBars budget={budget} /><BudgetForm budget={budget} error={null} onSave={async () => true} /></>);
    expect(screen.getByRole("progressbar", { name: "Turn budget used" }).getAttribute("aria-valuetext")).toBe("3 of 10 turns");
    expect(screen.getByRole("progressbar", { name: "Cost budget used" }).getAttribute("aria-valuenow")).toBe("25");
    expect(screen.getAllByLabelText("Turn budget")).toHaveLength(1);
  });

  it("read a $0.20 budget and its spend as money", () => {
    const budget: BudgetState = {
      conversationId: "cnv_budgetbars02" as ConversationId,
      limits: { ...NO_LIMITS, maxCostUsd: 0.2 },
      isOwn: true,
      totals: { costUsd: 0.2, turns: 1, runs: 1, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: null },
      exhausted: "cost",
    };
    render(<BudgetBars budget={budget} />);
    expect(screen.getByRole("progressbar", { name: "Cost budget used" }).getAttribute("aria-valuetext")).toBe("$0.20 of $0.20");
  });
});

// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { NO_LIMITS, type BudgetLimits, type BudgetState, type ConversationId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { BudgetForm } from "./budget-form.tsx";

isolateDomTests();

const budget = { conversationId: "cnv_budgetform01" as ConversationId, limits: NO_LIMITS, isOwn: false } as BudgetState;

function fillAndSave(typed: { cost?: string; turns?: string; thinking?: string }) {
  const onSave = vi.fn(async (_limits: BudgetLimits | null) => true);
  render(<BudgetForm budget={budget} error={null} onSave={onSave} />);
  fireEvent.change(screen.getByRole("textbox", { name: "Cost budget in USD" }), { target: { value: typed.cost ?? "" } });
  fireEvent.change(screen.getByRole("textbox", { name: "Turn budget" }), { target: { value: typed.turns ?? "" } });
  fireEvent.change(screen.getByRole("textbox", { name: "Thinking tokens per response" }), { target: { value: typed.thinking ?? "" } });
  fireEvent.click(screen.getByRole("button", { name: "Save budget" }));
  return onSave;
}

describe("BudgetForm", () => {
  it("saves what was typed, and an empty box as no limit", async () => {
    const onSave = fillAndSave({ cost: " 2.50 ", turns: "20" });
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ maxCostUsd: 2.5, maxTurns: 20, maxThinkingTokens: null }));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it.each([["0", 0], ["1024", 1024]])("saves thinking tokens %s (off, or the API's minimum)", async (thinking, saved) => {
    const onSave = fillAndSave({ thinking });
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ maxCostUsd: null, maxTurns: null, maxThinkingTokens: saved }));
  });

  it("says everything wrong at once, one line per box", () => {
    const onSave = fillAndSave({ cost: "$5", turns: "2.6" });
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getAllByRole("alert").map((alert) => alert.textContent)).toEqual(["Cost (USD): enter a number like 2.50, or leave it empty for no limit.", "Turns: must be a whole number."]);
  });

  it.each<[{ cost?: string; turns?: string; thinking?: string }, string]>([
    [{ cost: "$5" }, "Cost (USD): enter a number like 2.50, or leave it empty for no limit."],
    [{ cost: "5,50" }, "Cost (USD): enter a number like 2.50, or leave it empty for no limit."],
    [{ cost: "1e309" }, "Cost (USD): enter a number like 2.50, or leave it empty for no limit."],
    [{ turns: "ten" }, "Turns: enter a number like 20, or leave it empty for no limit."],
    [{ cost: "0" }, "Cost (USD): must be more than 0."],
    [{ cost: "-1" }, "Cost (USD): must be more than 0."],
    [{ turns: "2.6" }, "Turns: must be a whole number."],
    [{ thinking: "-5" }, "Thinking tokens: must be at least 0."],
    // The API refuses a thinking budget under 1024: saved, every message of the conversation failed.
    [{ thinking: "5" }, "Thinking tokens: use 0 to turn thinking off, or at least 1024."],
    [{ thinking: "1023" }, "Thinking tokens: use 0 to turn thinking off, or at least 1024."],
  ])("refuses %j in words and saves nothing (never a silent 'no limit' or a rounded number)", async (typed, message) => {
    const onSave = fillAndSave(typed);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(screen.getByRole("textbox", { name: typed.turns ? "Turn budget" : typed.thinking ? "Thinking tokens per response" : "Cost budget in USD" }).getAttribute("aria-invalid")).toBe("true");
  });

  it("puts the focus in the box of the limit that is used up when opened to raise it, and nowhere otherwise", () => {
    const usedUp = { ...budget, limits: { ...NO_LIMITS, maxTurns: 4 }, exhausted: "turns" } as BudgetState;
    const { unmount } = render(<BudgetForm budget={usedUp} error={null} onSave={async () => true} />);
    expect(document.activeElement).toBe(document.body);
    unmount();
    render(<BudgetForm budget={usedUp} error={null} onSave={async () => true} isFocusedOnUsedUp />);
    const box = screen.getByRole<HTMLInputElement>("textbox", { name: "Turn budget" });
    expect(document.activeElement).toBe(box);
    // Selected: what is typed replaces the used-up limit.
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, 1]);
  });
});


// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import { NO_LIMITS, type BudgetState, type ConversationId, type WorkspaceId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { BudgetForm } from "./budget-form.tsx";
import { WorkspaceBudgetForm } from "./workspace-budget-form.tsx";

isolateDomTests();

it("says what an empty box means as the conversation's form does (its Thinking said 'none' where that one says 'default')", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ limits: NO_LIMITS })));
  const budget = { conversationId: "cnv_budgetform02" as ConversationId, limits: NO_LIMITS, isOwn: false } as BudgetState;
  render(
    <>
      <WorkspaceBudgetForm workspaceId={"wsp_budgetform01" as WorkspaceId} />
      <BudgetForm budget={budget} error={null} onSave={async () => true} />
    </>,
  );
  const placeholder = (name: string) => screen.getByRole("textbox", { name }).getAttribute("placeholder");
  await screen.findByRole("textbox", { name: "Default thinking tokens per response" });
  expect([placeholder("Default cost budget in USD"), placeholder("Default turn budget"), placeholder("Default thinking tokens per response")]).toEqual([
    placeholder("Cost budget in USD"),
    placeholder("Turn budget"),
    placeholder("Thinking tokens per response"),
  ]);
  expect(placeholder("Default thinking tokens per response")).toBe("default");
});

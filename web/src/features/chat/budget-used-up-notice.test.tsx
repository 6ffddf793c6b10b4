// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BudgetState, Conversation, ConversationId } from "../../../../shared/index.ts";
import { useBudgetStore } from "../../stores/budget-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { BudgetUsedUpNotice } from "./budget-used-up-notice.tsx";

const ID = "cnv_budgetnotice01" as ConversationId;
const TOTALS = { costUsd: 0.06, turns: 3, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: null, runs: 1, unpricedRuns: 0 };
const USED_UP: BudgetState = { conversationId: ID, limits: { maxCostUsd: 0.05, maxTurns: null, maxThinkingTokens: null }, isOwn: true, totals: TOTALS, exhausted: "cost" };

function withJob(jobId: string | null): void {
  useConversationsStore.setState({ conversations: { [ID]: { id: ID, jobId } as unknown as Conversation }, sessions: {}, isLoaded: true });
}

beforeEach(() => {
  useBudgetStore.setState({ byConversation: {} });
  withJob(null);
  // The read on open has not answered yet: what each test puts in the store is what the notice knows.
  vi.stubGlobal("fetch", vi.fn(() => new Promise(() => undefined)));
});
isolateDomTests();

describe("BudgetUsedUpNotice", () => {
  it("says which limit is used up with a way to raise it, and goes when another device raised it", () => {
    const onRaise = vi.fn();
    render(<BudgetUsedUpNotice conversationId={ID} onRaise={onRaise} />);
    expect(screen.queryByRole("status", { name: "Budget used up" })).toBeNull();
    act(() => useBudgetStore.getState().put(USED_UP));
    expect(screen.getByRole("status", { name: "Budget used up" }).textContent).toContain("The cost budget of $0.05 is used up ($0.06 spent). Claude takes no message until it is raised.");
    fireEvent.click(screen.getByRole("button", { name: "Raise the budget" }));
    expect(onRaise).toHaveBeenCalledOnce();
    // The server's `budget` frame after a raise elsewhere reaches the store.
    act(() => useBudgetStore.getState().put({ ...USED_UP, limits: { ...USED_UP.limits, maxCostUsd: 1 }, exhausted: null }));
    expect(screen.queryByRole("status", { name: "Budget used up" })).toBeNull();
  });

  it("reads the budget when the conversation opens: after a reload it showed only once a message was refused", async () => {
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (String(url).endsWith(`/conversations/${ID}/budget`) ? jsonResponse({ budget: USED_UP }) : jsonResponse({}, 404))));
    render(<BudgetUsedUpNotice conversationId={ID} onRaise={() => undefined} />);
    expect((await screen.findByRole("status", { name: "Budget used up" })).textContent).toContain("The cost budget of $0.05 is used up");
  });

  it("says a model turn budget in turns", () => {
    useBudgetStore.getState().put({ ...USED_UP, limits: { maxCostUsd: null, maxTurns: 1, maxThinkingTokens: null }, exhausted: "turns" });
    render(<BudgetUsedUpNotice conversationId={ID} onRaise={() => undefined} />);
    expect(screen.getByRole("status", { name: "Budget used up" }).textContent).toContain("The turn budget of 1 model turn is used up (3 taken).");
  });

  it("sends a job run to its job for the budget: Session controls do not hold it", () => {
    withJob("job_nightly0001");
    useBudgetStore.getState().put(USED_UP);
    render(<BudgetUsedUpNotice conversationId={ID} onRaise={() => undefined} />);
    expect(screen.getByRole("status", { name: "Budget used up" }).textContent).toContain("raise it there, then run the job again");
    expect(screen.queryByRole("button", { name: "Raise the budget" })).toBeNull();
  });
});

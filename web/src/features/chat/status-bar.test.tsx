// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { emptyView, type ConversationView } from "../../protocol/conversation-view.ts";
import { hasBreakBeforeDot } from "../../lib/dot-join.ts";
import { useBudgetStore } from "../../stores/budget-store.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { StatusBar } from "./status-bar.tsx";
import { WorkingIndicator } from "./working-indicator.tsx";

isolateDomTests();
afterEach(() => void vi.useRealTimers());

const ID = "cnv_statusbar0001" as ConversationId;
const busy = { ...emptyView(), cliStatus: "requesting", outputTokens: 340, turnStartedAt: Date.now() - 12_000 };

function loseConnection(): void {
  act(() => {
    useConnectionStore.getState().setSocket("open", null);
    useConnectionStore.getState().setSocket("closed", "server gone");
  });
}

it("says a running conversation is only last known to run while the connection is lost, on a desktop and a phone, and live again once it opens", () => {
  act(() => {
    useConnectionStore.getState().setSocket("open", null);
    useConnectionStore.getState().setPresence(ID, [{ id: "dev_pixel", name: "Pixel", kind: "device" }, { id: "dev_mac", name: "MacBook", kind: "device" }]);
  });
  const { rerender } = render(<StatusBar id={ID} status="running" reason={null} view={busy} isCompact={false} />);
  expect(screen.getByTestId("conversation-status").textContent).toBe("Running");
  expect(screen.getByText(/340 tokens/)).toBeTruthy();

  loseConnection();
  expect(screen.getByTestId("conversation-status").textContent).toBe("Last known: running\u00a0· connection lost");
  expect(screen.getByTestId("conversation-status").dataset.lastKnown).toBe("true");
  // The live activity and token count were news of a moment the page no longer hears about.
  expect(screen.queryByText(/340 tokens|waiting for the model/)).toBeNull();

  rerender(<StatusBar id={ID} status="running" reason={null} view={busy} isCompact />);
  expect(screen.getByRole("button", { name: "Status: Last known: running\u00a0· connection lost. Details" })).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: /^Status:/ }));
  expect(screen.getByTestId("status-details").textContent).toContain("Last known: running\u00a0· connection lost");
  // No one is known to be here while the page hears nothing: who was, said as that.
  expect(screen.getByTestId("presence").textContent).toBe("Last known: 2 devices here: Pixel, MacBook");

  act(() => useConnectionStore.getState().setSocket("open", null));
  expect(screen.getByRole("button", { name: "Status: Running. Details" })).toBeTruthy();
  expect(screen.getByTestId("presence").textContent).toBe("2 devices here: Pixel, MacBook");
});

it("stops a turn's timer and spinner where the connection was lost, and ticks again once it opens", () => {
  vi.useFakeTimers();
  act(() => useConnectionStore.getState().setSocket("open", null));
  render(<WorkingIndicator view={{ ...busy, turnStartedAt: Date.now() - 12_000 }} />);
  expect(screen.getByTestId("working-indicator").textContent).toBe("Working\u00a0· 12s\u00a0· 340 tokens");
  // A screen reader hears that Claude works, not each second of it (the ticking line was the live region).
  expect(screen.getByRole("status").textContent).toBe("Claude is working");
  expect(screen.getByTestId("working-indicator").closest("[role=status], [aria-live]")).toBeNull();

  loseConnection();
  const frozen = screen.getByTestId("working-indicator").textContent;
  expect(frozen).toBe("Last known: working\u00a0· 12s\u00a0· 340 tokens\u00a0· connection lost");
  expect(screen.getByTestId("working-indicator").querySelector(".animate-spin")).toBeNull();
  // Seconds later it still says the time the page last heard of, not one counted on since.
  act(() => void vi.advanceTimersByTime(3000));
  expect(screen.getByTestId("working-indicator").textContent).toBe(frozen);

  act(() => useConnectionStore.getState().setSocket("open", null));
  act(() => void vi.advanceTimersByTime(0)); // at once, not a tick later
  expect(screen.getByTestId("working-indicator").textContent).toBe("Working\u00a0· 15s\u00a0· 340 tokens");
  expect(screen.getByTestId("working-indicator").querySelector(".animate-spin")).not.toBeNull();
});

it("starts no line of the status with a \"·\", on a desktop and in a phone's details, live and last known", () => {
  const full = { ...busy, permissionMode: "acceptEdits", cliSession: { model: "claude-opus-5-5" } } as unknown as ConversationView;
  for (const isLost of [false, true]) {
    act(() => useConnectionStore.getState().setSocket("open", null));
    if (isLost) loseConnection();
    const desktop = render(<StatusBar id={ID} status="running" reason={null} view={full} isCompact={false} />);
    expect(hasBreakBeforeDot(desktop.container.textContent ?? "")).toBe(false);
    desktop.unmount();
    render(<StatusBar id={ID} status="running" reason={null} view={full} isCompact />);
    fireEvent.click(screen.getByRole("button", { name: /^Status:/ }));
    const lines = [...screen.getByTestId("status-details").querySelectorAll("li")].map((li) => li.textContent ?? "");
    expect(lines.filter(hasBreakBeforeDot)).toEqual([]);
    expect(lines.some((line) => line.includes("·"))).toBe(isLost);
    cleanup();
  }
});

it("says the budget is used up, not \"Ready\", while Claude would refuse the next message, on a desktop and a phone", () => {
  act(() => useConnectionStore.getState().setSocket("open", null));
  const totals = { costUsd: 0.06, turns: 3, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: null, runs: 1, unpricedRuns: 0 };
  const limits = { maxCostUsd: 0.05, maxTurns: null, maxThinkingTokens: null };
  act(() => useBudgetStore.getState().put({ conversationId: ID, limits, isOwn: true, totals, exhausted: "cost" }));
  const desktop = render(<StatusBar id={ID} status="ready" reason={null} view={emptyView()} isCompact={false} />);
  expect(screen.getByTestId("conversation-status").textContent).toBe("Budget used up");
  desktop.unmount();
  render(<StatusBar id={ID} status="ready" reason={null} view={emptyView()} isCompact />);
  expect(screen.getByRole("button", { name: "Status: Budget used up. Details" })).toBeTruthy();
  // Raised on another device: ready again.
  act(() => useBudgetStore.getState().put({ conversationId: ID, limits: { ...limits, maxCostUsd: 1 }, isOwn: true, totals, exhausted: null }));
  expect(screen.getByRole("button", { name: "Status: Ready. Details" })).toBeTruthy();
});

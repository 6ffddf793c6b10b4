// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../../shared/index.ts";
import { useConnectionStore } from "../../../stores/connection-store.ts";
import { Totals, UsagePanel } from "./usage-panel.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const base = { costUsd: 0, turns: 2, inputTokens: 27_540, outputTokens: 76, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: 27_540, runs: 1, unpricedRuns: 0 };
const cost = () => screen.getByText("Cost").nextElementSibling?.textContent;

describe("usage totals", () => {
  it("says the cost of runs in the interactive terminal is not reported, not that they cost nothing", () => {
    render(<Totals totals={{ ...base, unpricedRuns: 1 }} />);
    expect(cost()).toBe("not reported (1 terminal run not priced)");
    expect(screen.getByText("27,540")).toBeTruthy();
  });

  it("adds the unpriced runs beside the cost of the priced ones", () => {
    render(<Totals totals={{ ...base, costUsd: 0.0123, runs: 3, unpricedRuns: 2 }} />);
    expect(cost()).toBe("$0.01 + 2 terminal runs not priced");
  });

  it("counts the run in progress, whose model turns are counted before its result: never '1 in 0 runs'", () => {
    const turns = (totals: typeof base, isRunning: boolean) => {
      const { unmount } = render(<Totals totals={totals} isRunning={isRunning} />);
      const text = screen.getByText("Turns").nextElementSibling?.textContent;
      unmount();
      return text;
    };
    expect(turns({ ...base, turns: 1, runs: 0 }, true)).toBe("1 in 1 run (running)");
    expect(turns({ ...base, turns: 3, runs: 1 }, true)).toBe("3 in 2 runs (1 running)");
    expect(turns({ ...base, turns: 2, runs: 1 }, false)).toBe("2 in 1 run");
  });

  it("is the plain cost when every run was priced", () => {
    render(<Totals totals={{ ...base, costUsd: 0.5 }} />);
    expect(cost()).toBe("$0.50");
  });
});

describe("the usage panel", () => {
  it("says the figures could not be loaded instead of 'No usage yet', and shows them with no error after a reconnect", async () => {
    const id = "cnv_usage0001" as ConversationId;
    const offline = new TypeError("Failed to fetch");
    vi.stubGlobal("fetch", vi.fn(async () => {
      throw offline;
    }));
    // An unreachable server is said to the user, not logged (lib/rpc.ts logs only faults).
    const logged = vi.spyOn(console, "warn");
    render(<UsagePanel id={id} contextUsage={null} lastTurnAt={null} />);
    expect((await screen.findByRole("alert")).textContent).toMatch(/Cannot reach the ChatML server/);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
    expect(screen.queryByText("No usage yet.")).toBeNull();

    const budget = { conversationId: id, limits: { maxCostUsd: null, maxTurns: null, maxThinkingTokens: null }, isOwn: false, totals: { ...base, costUsd: 0.5 }, exhausted: null };
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ budget, asked: false })));
    act(() => useConnectionStore.setState((s) => ({ opens: s.opens + 2 })));
    await waitFor(() => expect(cost()).toBe("$0.50"));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

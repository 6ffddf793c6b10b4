// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { emptyView, type TurnResult } from "../../protocol/conversation-view.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { RateLimitBanner } from "./rate-limit-banner.tsx";

isolateDomTests();

const ID = "cnv_ratebanner01" as ConversationId;
/** A turn a 429 ended `ago` ms before now, after a retry that waited `waitMs`. */
const limitedView = (ago: number, waitMs: number) => {
  const at = Date.now() - ago;
  const lastTurn: TurnResult = { isError: true, subtype: "success", resultText: "API Error", errors: [], totalCostUsd: null, usage: null, numTurns: null, durationMs: null, durationApiMs: null, terminalReason: null, apiErrorStatus: 429, at };
  return { ...emptyView(), lastTurn, lastApiRetry: { attempt: 1, maxRetries: 1, delayMs: waitMs, errorStatus: 429, error: "rate_limit", at: at - 1 } };
};

describe("the rate limit banner", () => {
  it("offers to continue when the limit resets while it has yet to", () => {
    render(<RateLimitBanner id={ID} view={limitedView(1_000, 60_000)} isBusy={false} />);
    expect(screen.getByTestId("rate-limit").textContent).toMatch(/Try again in \d+:\d\d\./);
    expect(screen.getByRole("button", { name: "Continue when the limit resets" })).toBeTruthy();
    // A screen reader hears that the limit is reached, not the countdown read out again each second.
    expect(screen.getByRole("status").textContent).toBe("Rate limit reached.");
    expect(screen.getByTestId("rate-limit").closest("[role=status], [aria-live]")).toBeNull();
  });

  it("offers to continue now once the reset is past (it still promised to wait for the reset)", () => {
    render(<RateLimitBanner id={ID} view={limitedView(10_000, 1_000)} isBusy={false} />);
    expect(screen.getByTestId("rate-limit").textContent).toContain("It should have reset by now.");
    expect(screen.getByRole("button", { name: "Continue now" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Continue when the limit resets" })).toBeNull();
  });
});

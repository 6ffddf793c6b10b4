// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TurnResult } from "../../protocol/conversation-view.ts";
import { TurnResultRow } from "./timeline-rows.tsx";

afterEach(cleanup);

const turn = (overrides: Partial<TurnResult>): TurnResult => ({
  isError: false,
  subtype: "success",
  resultText: null,
  errors: [],
  totalCostUsd: null,
  usage: null,
  numTurns: null,
  durationMs: null,
  durationApiMs: null,
  terminalReason: null,
  apiErrorStatus: null,
  at: 0,
  ...overrides,
});

describe("TurnResultRow", () => {
  it("names an API error by its status, never as '(success)'", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 500, resultText: "API Error: 500 Internal server error" })} />);
    expect(screen.getByTestId("turn-result").textContent).toContain("API error 500");
    expect(screen.getByTestId("turn-result").textContent).not.toContain("(success)");
  });

  it("says other error subtypes in words", () => {
    render(<TurnResultRow turn={turn({ isError: true, subtype: "error_max_turns" })} />);
    expect(screen.getByTestId("turn-result").textContent).toContain("Error: max turns");
  });

  it("turns a sign-in failure into the steps that fix it", () => {
    render(<TurnResultRow turn={turn({ isError: true, resultText: "Not logged in · Please run /login" })} />);
    expect(screen.getByTestId("sign-in-hint").textContent).toMatch(/\/login.*ANTHROPIC_API_KEY/s);
  });

  it("shows no hint for other errors", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 529, resultText: "Overloaded" })} />);
    expect(screen.queryByTestId("sign-in-hint")).toBeNull();
  });
});

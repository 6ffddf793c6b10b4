// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ContextWindow, takenAt } from "./context-window.tsx";

afterEach(cleanup);

const usage = {
  totalTokens: 20_403,
  maxTokens: 1_000_000,
  percentage: 2,
  model: "claude-opus-5-5",
  autoCompactThreshold: 967_000,
  categories: [
    { name: "System prompt", tokens: 7459, kind: "used" as const },
    { name: "Autocompact buffer", tokens: 33_000, kind: "buffer" as const },
    { name: "Free space", tokens: 946_597, kind: "free" as const },
  ],
};

describe("ContextWindow", () => {
  it("shows the CLI's own figures by category", () => {
    render(<ContextWindow info={{ usage, unavailableReason: null, at: 1 }} lastTurnTokens={500} />);
    expect(screen.getByTestId("context-summary").textContent).toBe("20,403 of 1,000,000 tokens used (2%)");
    const rows = screen.getByRole("list", { name: "Context by category" }).querySelectorAll("li");
    expect([...rows].map((row) => row.textContent)).toEqual(["System prompt7,459", "Autocompact buffer33,000", "Free space946,597"]);
    expect(screen.getByText(/compacts the conversation at 967,000/)).toBeTruthy();
  });

  it("says when the figures were measured, and that they are older than the last turn when they are", () => {
    const at = new Date(2026, 11, 1, 10, 42).getTime();
    const { rerender } = render(<ContextWindow info={{ usage, unavailableReason: null, at }} lastTurnTokens={500} lastTurnAt={at - 1000} />);
    expect(screen.getByTestId("context-taken-at").textContent).toBe(`Measured at ${takenAt(at)}.`);
    rerender(<ContextWindow info={{ usage, unavailableReason: null, at }} lastTurnTokens={500} lastTurnAt={at + 60_000} />);
    expect(screen.getByTestId("context-taken-at").textContent).toMatch(new RegExp(`^Measured at ${takenAt(at)}, before the last turn`));
  });

  it("says an estimate is one, and why the CLI could not tell", () => {
    render(<ContextWindow info={{ usage: null, unavailableReason: "This Claude Code cannot report its context use.", at: 1 }} lastTurnTokens={50_000} />);
    expect(screen.getByTestId("context-summary").textContent).toBe(
      "About 25% of 200k, estimated from the last turn's tokens.This Claude Code cannot report its context use.",
    );
  });

  it("waits for the first turn when nothing is known", () => {
    render(<ContextWindow info={null} lastTurnTokens={null} />);
    expect(screen.getByTestId("context-summary").textContent).toBe("Shown after the first turn.");
  });
});

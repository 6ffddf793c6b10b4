// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Totals } from "./usage-panel.tsx";

afterEach(cleanup);

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
    expect(cost()).toBe("$0.0123 + 2 terminal runs not priced");
  });

  it("is the plain cost when every run was priced", () => {
    render(<Totals totals={{ ...base, costUsd: 0.5 }} />);
    expect(cost()).toBe("$0.5000");
  });
});

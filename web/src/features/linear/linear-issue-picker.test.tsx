// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { LinearIssue } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { LinearIssuePicker } from "./linear-issue-picker.tsx";

const issue = (n: number): LinearIssue => ({
  id: `issue-${n}`, identifier: `ENG-${n}`, title: `Issue number ${n}`, description: "", url: `https://linear.app/acme/issue/ENG-${n}`, branchName: `ada/eng-${n}`,
  stateName: "Todo", stateType: "unstarted", teamKey: "ENG",
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => issue(from + i));

isolateDomTests();

it("says more issues exist than the first page shows, and loads them on request (it showed 50 of 120, with no sign of the rest)", async () => {
  const asked: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), "http://chatml.test");
    if (url.pathname.endsWith("/teams")) return jsonResponse({ teams: [] });
    const after = url.searchParams.get("after");
    asked.push(after ?? "first");
    return jsonResponse(after === "issue-50" ? { issues: range(51, 70), nextCursor: null } : { issues: range(1, 50), nextCursor: "issue-50" });
  }));
  render(<LinearIssuePicker actionLabel="Start" onPick={() => undefined} />);
  await screen.findByText("Showing the 50 most recently updated; more exist. Search by title, or");
  fireEvent.click(screen.getByRole("button", { name: "Load more issues" }));
  await screen.findByRole("button", { name: "Start ENG-70" });
  expect(within(screen.getByRole("list", { name: "Linear issues" })).getAllByRole("listitem")).toHaveLength(70);
  expect(screen.queryByRole("button", { name: "Load more issues" })).toBeNull();
  expect(asked).toEqual(["first", "issue-50"]);
});

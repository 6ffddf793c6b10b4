// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { LinearIssueChoice } from "../../../../shared/index.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { LinearIssuePicker } from "./linear-issue-picker.tsx";

const issue = (n: number): LinearIssueChoice => ({
  id: `issue-${n}`, identifier: `ENG-${n}`, title: `Issue number ${n}`, description: "", url: `https://linear.app/acme/issue/ENG-${n}`, branchName: `ada/eng-${n}`,
  stateName: "Todo", stateType: "unstarted", teamKey: "ENG", takenBy: null,
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
  render(<LinearIssuePicker actionLabel="Start" workspaceId="wsp_picker00000001" onPick={() => undefined} />);
  await screen.findByText("Showing the 50 most recently updated; more exist. Search by title, or");
  fireEvent.click(screen.getByRole("button", { name: "Load more issues" }));
  await screen.findByRole("button", { name: "Start ENG-70" });
  expect(within(screen.getByRole("list", { name: "Linear issues" })).getAllByRole("listitem")).toHaveLength(70);
  expect(screen.queryByRole("button", { name: "Load more issues" })).toBeNull();
  expect(asked).toEqual(["first", "issue-50"]);
});

it("offers Try again when Linear is rate limited or down, and the way to a new key when Linear refused it (it said so with nothing to do)", async () => {
  const answers = [
    jsonResponse({ error: { code: "rate_limited", message: "Linear's rate limit was reached; try again in a minute." } }, 429),
    jsonResponse({ issues: [issue(1)], nextCursor: null }),
    jsonResponse({ error: { code: "forbidden", message: "Linear rejected the API key (revoked or mistyped). Connect Linear again with a new key." } }, 403),
  ];
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => (String(input).includes("/teams") ? jsonResponse({ teams: [] }) : answers.shift()!)));
  render(<LinearIssuePicker actionLabel="Start" workspaceId="wsp_picker00000001" onPick={() => undefined} />);
  await screen.findByText(/rate limit was reached/);
  expect(screen.queryByRole("link", { name: "Replace the Linear key" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Try again" }));
  await screen.findByRole("button", { name: "Start ENG-1" });
  expect(screen.queryByRole("alert")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
  await screen.findByText(/rejected the API key/);
  expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  expect(screen.getByRole("link", { name: "Replace the Linear key" }).getAttribute("href")).toBe("#/integrations");
  fireEvent.click(screen.getByRole("link", { name: "Replace the Linear key" }));
  expect(useNavStore.getState().hash).toBe("#/integrations");
});

// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { CheckRun } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { PullRequestActions } from "./pull-request-actions.tsx";
import { pullRequestFixture } from "./pull-request-fixture.ts";

const report = { succeeded: () => undefined, failed: () => undefined };
const check = (name: string, status: CheckRun["status"], conclusion: string | null): CheckRun => ({ id: name.length, name, status, conclusion, url: null, jobId: null });

/** The server's merge route; answers how many merges it was asked for. */
function mergeRoute(): () => number {
  const fetch = vi.fn(async (_url: string) => jsonResponse({ pullRequest: pullRequestFixture({ state: "merged" }) }));
  vi.stubGlobal("fetch", fetch);
  return () => fetch.mock.calls.filter(([url]) => String(url).endsWith("/merge")).length;
}

isolateDomTests();

it("merges a PR whose checks passed in one tap", async () => {
  const merges = mergeRoute();
  render(<PullRequestActions pr={pullRequestFixture({ checks: [check("test", "completed", "success")] })} report={report} />);
  fireEvent.click(screen.getByRole("button", { name: "Merge" }));
  await waitFor(() => expect(merges()).toBe(1));
  expect(screen.queryByRole("group", { name: "Merge past checks" })).toBeNull();
});

it("asks first, naming the checks, before merging a PR whose checks failed or still run (one tap merged it past a red check)", async () => {
  const merges = mergeRoute();
  const checks = [check("test", "completed", "failure"), check("lint", "in_progress", null)];
  render(<PullRequestActions pr={pullRequestFixture({ headRef: "widget", checks })} report={report} />);
  fireEvent.click(screen.getByRole("button", { name: "Merge" }));
  const ask = screen.getByRole("group", { name: "Merge past checks" });
  expect(ask.textContent).toContain("test failed, and lint is still running. Merge widget into main anyway?");
  expect(merges()).toBe(0);
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("group", { name: "Merge past checks" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Merge" }));
  fireEvent.click(screen.getByRole("button", { name: "Merge anyway" }));
  await waitFor(() => expect(merges()).toBe(1));
});

it("asks before closing the PR on GitHub, and Keep closes nothing (one stray tap beside Edit description closed it)", async () => {
  const fetch = vi.fn(async (_url: string) => jsonResponse({ pullRequest: pullRequestFixture({ state: "closed" }) }));
  vi.stubGlobal("fetch", fetch);
  const closes = () => fetch.mock.calls.filter(([url]) => String(url).endsWith("/close")).length;
  render(<PullRequestActions pr={pullRequestFixture({})} report={report} />);
  fireEvent.click(screen.getByRole("button", { name: "Close pull request #4" }));
  expect(closes()).toBe(0);
  fireEvent.click(screen.getByRole("button", { name: /cancel: Close pull request #4/ }));
  expect(closes()).toBe(0);
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close pull request #4" }));
  fireEvent.click(screen.getByRole("button", { name: "Close pull request #4" }));
  fireEvent.click(screen.getByRole("button", { name: /^Close #4\?/ }));
  await waitFor(() => expect(closes()).toBe(1));
});

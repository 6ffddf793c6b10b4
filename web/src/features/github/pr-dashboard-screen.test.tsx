// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { PullRequest, Session, SessionId } from "../../../../shared/index.ts";
import { runTitleTime } from "../../../../shared/run-title.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { PrDashboardScreen } from "./pr-dashboard-screen.tsx";
import { pullRequestFixture } from "./pull-request-fixture.ts";

isolateDomTests();

/** The server: GitHub connected or not, its open pull requests; the list's answer waits for `answer()`. */
function server(isConnected: boolean, pullRequests: PullRequest[] = []) {
  let answer: () => void = () => {};
  const listed = new Promise<void>((resolve) => (answer = resolve));
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    if (String(url).endsWith("/integrations/github")) return jsonResponse({ connection: isConnected ? { isConnected: true, login: "me" } : null });
    await listed;
    return jsonResponse({ pullRequests });
  }));
  return { answer: () => answer() };
}

it("says it is reading until the server answers, not that there are none", async () => {
  usePullRequestStore.setState({ bySession: {} });
  const github = server(true);
  render(<PrDashboardScreen />);
  expect(screen.getByText("Reading pull requests…")).toBeTruthy();
  expect(screen.queryByText("No open pull requests from ChatML sessions.")).toBeNull();
  github.answer();
  await screen.findByText("No open pull requests from ChatML sessions.");
  expect(screen.queryByText("Reading pull requests…")).toBeNull();
});

it("without GitHub connected, says so and leads to Integrations instead of an empty list", async () => {
  usePullRequestStore.setState({ bySession: {} });
  server(false).answer();
  render(<PrDashboardScreen />);
  await screen.findByText("Connect GitHub to see your sessions' pull requests here, with their checks and reviews.");
  expect(screen.queryByText("No open pull requests from ChatML sessions.")).toBeNull();
  expect(screen.getByRole("link", { name: "Connect GitHub" }).getAttribute("href")).toBe("#/integrations");
  fireEvent.click(screen.getByRole("link", { name: "Connect GitHub" }));
  expect(useNavStore.getState().hash).toBe("#/integrations");
});

it("lists the open ones once connected", async () => {
  usePullRequestStore.setState({ bySession: {} });
  server(true, [pullRequestFixture({ sessionId: "ses_dash000001" as SessionId, number: 12, title: "Faster parser", state: "open", headRef: "parser" })]).answer();
  render(<PrDashboardScreen />);
  await screen.findByText("#12 Faster parser");
  expect(screen.queryByText(/Connect GitHub/)).toBeNull();
  // Each row is a link to its session's screen (a new tab, a copied link).
  expect(screen.getByRole("link", { name: /#12 Faster parser/ }).getAttribute("href")).toBe("#/s/ses_dash000001");
});

it("names a job run's session with its time on the viewer's clock, as every other screen does (not the job's clock)", async () => {
  const at = Date.UTC(2026, 11, 7, 0, 33);
  const session = { id: "ses_dash000002", workspaceId: "wks_dash000001", jobId: "job_dash000001", title: `Job: Check · ${runTitleTime(at, "Asia/Tokyo")}`, name: "lupus", createdAt: at } as unknown as Session;
  useConversationsStore.setState({ sessions: { [session.id]: session } });
  usePullRequestStore.setState({ bySession: {} });
  server(true, [pullRequestFixture({ sessionId: session.id, number: 13, title: "Tidy", state: "open", headRef: "tidy" })]).answer();
  render(<PrDashboardScreen />);
  await screen.findByText("#13 Tidy");
  const viewerTime = new Date(at).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
  expect(screen.getByRole("link", { name: /#13 Tidy/ }).textContent).toContain(`Job: Check · ${viewerTime}`);
});

// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, expect, it, vi } from "vitest";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { TabBar } from "./tab-bar.tsx";

isolateDomTests();

/** A desktop: wide, with a mouse (the sidebar stands beside the screen, and the tab row above it). */
const desktopScreen = (matches: boolean) => vi.stubGlobal("matchMedia", (query: string) => ({ matches, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
beforeEach(() => desktopScreen(true));

it("tells a session's tab from its first conversation's, which carries the same automatic title", () => {
  useConversationsStore.setState({
    sessions: { ses_tabs0001: { id: "ses_tabs0001", title: "On desktop", name: "vilnius" } },
    conversations: { cnv_tabs0001: { id: "cnv_tabs0001", sessionId: "ses_tabs0001", title: "On desktop" } },
  } as never);
  useNavStore.setState({ tabs: ["#/s/ses_tabs0001", "#/c/cnv_tabs0001"] });
  render(<TabBar />);
  expect(screen.getAllByRole("link").map((tab) => tab.textContent)).toEqual(["Home", "On desktop · vilnius", "On desktop"]);
});

it("names a session titled with its own name once", () => {
  useConversationsStore.setState({ sessions: { ses_tabs0003: { id: "ses_tabs0003", title: "zeta", name: "zeta" } }, conversations: {} } as never);
  useNavStore.setState({ tabs: ["#/s/ses_tabs0003"] });
  render(<TabBar />);
  expect(screen.getAllByRole("link").map((tab) => tab.textContent)).toEqual(["Home", "zeta"]);
});

it("names the Settings tab Settings", () => {
  useNavStore.setState({ tabs: ["#/settings"] });
  render(<TabBar />);
  expect(screen.getAllByRole("link").map((tab) => tab.textContent)).toEqual(["Home", "Settings"]);
});

it("names each tab's close button after its tab, so a screen reader's button list tells them apart", () => {
  useConversationsStore.setState({ conversations: { cnv_tabs0002: { id: "cnv_tabs0002", sessionId: "ses_tabs0002", title: "List files" } } } as never);
  useNavStore.setState({ tabs: ["#/settings", "#/c/cnv_tabs0002"] });
  render(<TabBar />);
  expect(screen.getAllByRole("button", { name: /^Close / })).toHaveLength(2);
  screen.getByRole("button", { name: "Close Settings" });
  screen.getByRole("button", { name: "Close List files" });
});

it("is not shown in the drawer layout (a phone, upright or turned sideways): its row goes to the screen", () => {
  desktopScreen(false);
  useNavStore.setState({ tabs: ["#/settings"] });
  const { container } = render(<TabBar />);
  expect(container.childElementCount).toBe(0);
});

it("asks the server for a conversation, goal or run the loaded lists lack: a 404 says it is missing, an answer names it", async () => {
  useConversationsStore.setState({ isLoaded: true, sessions: {}, conversations: {}, workspaces: {} } as never);
  useJobsStore.setState({ isLoaded: true, goals: {}, jobs: {}, runs: {} } as never);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/api/runs/run_tabsold1")) return jsonResponse({ run: { id: "run_tabsold1", jobName: "Nightly tidy" }, logs: [] });
      return jsonResponse({ error: { code: "not_found", message: "Not found." } }, 404);
    }),
  );
  useNavStore.setState({ tabs: ["#/c/cnv_tabsgone1", "#/g/gol_tabsgone1", "#/r/run_tabsgone1", "#/r/run_tabsold1"] });
  render(<TabBar />);
  await waitFor(() => expect(screen.getAllByRole("link").map((tab) => tab.textContent)).toEqual(["Home", "Missing conversation …sgone1", "Missing goal …sgone1", "Missing run …sgone1", "Run: Nightly tidy"]));
});

it("tells two tabs of missing conversations apart by their ids' tails", async () => {
  useConversationsStore.setState({ isLoaded: true, sessions: {}, conversations: {}, workspaces: {} } as never);
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "not_found", message: "Not found." } }, 404)));
  useNavStore.setState({ tabs: ["#/c/cnv_gone00000abc123", "#/c/cnv_gone00000xyz789"] });
  render(<TabBar />);
  await waitFor(() => expect(screen.getAllByRole("link").map((tab) => tab.textContent)).toEqual(["Home", "Missing conversation …abc123", "Missing conversation …xyz789"]));
});

it("is a row of links to the open views, not ARIA tabs without a tablist: the open one is the current page, Delete closes one", () => {
  history.replaceState(null, "", "/#/settings");
  useNavStore.getState().sync();
  useNavStore.setState({ tabs: ["#/settings", "#/jobs"] });
  const { container } = render(<TabBar />);
  expect(container.querySelectorAll('[role="tab"]')).toHaveLength(0);
  const row = screen.getByRole("navigation", { name: "Tabs" });
  expect(screen.getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href"), link.getAttribute("aria-current")])).toEqual([
    ["Home", "#/", null],
    ["Settings", "#/settings", "page"],
    ["Jobs", "#/jobs", null],
  ]);
  expect(row.contains(screen.getByRole("link", { name: "Jobs" }))).toBe(true);

  fireEvent.click(screen.getByRole("link", { name: "Jobs" }));
  expect(useNavStore.getState().hash).toBe("#/jobs");
  expect(screen.getByRole("link", { name: "Jobs" }).getAttribute("aria-current")).toBe("page");

  fireEvent.keyDown(screen.getByRole("link", { name: "Settings" }), { key: "Delete" });
  expect(useNavStore.getState().tabs).toEqual(["#/jobs"]);
  // Home has no close button, and Delete does not take it away either.
  fireEvent.keyDown(screen.getByRole("link", { name: "Home" }), { key: "Delete" });
  expect(screen.getAllByRole("link").map((link) => link.textContent)).toEqual(["Home", "Jobs"]);
});

// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Session, Workspace } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { routeHash, useNavStore } from "../../stores/nav-store.ts";
import { SessionTable } from "./session-table.tsx";

const WORKSPACE = { id: "wsp_table0000001", name: "repo", path: "/tmp/repo", archivedAt: null } as unknown as Workspace;
const session = (n: number, jobId: string | null, title: string) =>
  ({ id: `ses_table000000${n}`, workspaceId: WORKSPACE.id, name: `s${n}`, title, jobId, isPinned: false, archivedAt: null, createdAt: n, updatedAt: n, taskStatus: "backlog", priority: "medium", branch: null, git: null, problem: null, setup: null }) as unknown as Session;

beforeEach(() => {
  const sessions = [session(1, null, "My work"), ...[2, 3, 4, 5].map((n) => session(n, "job_table0000001", "Job: Every minute"))];
  useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: WORKSPACE }, sessions: Object.fromEntries(sessions.map((s) => [s.id, s])), conversations: {}, isLoaded: true, loadError: null });
});
isolateDomTests();

describe("SessionTable", () => {
  it("on Home's short list shows a job's latest run only, so the user's own sessions stay on it", () => {
    render(<SessionTable limit={2} />);
    expect(screen.getAllByTestId("session-row").map((row) => row.textContent)).toEqual([expect.stringContaining("Job: Every minute"), expect.stringContaining("My work")]);
  });

  it("names a priority the user gave, not the default one (every row said Medium)", () => {
    const urgent = { ...session(6, null, "On fire"), priority: "urgent" } as Session;
    useConversationsStore.setState((s) => ({ sessions: { ...s.sessions, [urgent.id]: urgent } }));
    render(<SessionTable />);
    expect(screen.getByRole("link", { name: /On fire/ }).textContent).toContain("Priority: Urgent");
    expect(screen.getByRole("link", { name: /My work/ }).textContent).not.toMatch(/Medium|Priority/);
  });

  it("names each session by a link to its screen (a new tab, a copied link), and a plain click opens it in place", () => {
    render(<SessionTable limit={8} />);
    const row = screen.getByRole("link", { name: /My work/ });
    const hash = routeHash({ view: "session", id: "ses_table0000001" });
    expect(row.getAttribute("href")).toBe(hash);
    // A ctrl-click is the browser's (a new tab): not prevented, and this page stays where it is.
    expect(fireEvent.click(row, { ctrlKey: true })).toBe(true);
    expect(useNavStore.getState().hash).not.toBe(hash);
    expect(fireEvent.click(row)).toBe(false);
    expect(useNavStore.getState().hash).toBe(hash);
  });

  it("on Home with no sessions yet, offers each live repository to start one in, and opens its screen", () => {
    const archived = { ...WORKSPACE, id: "wsp_table0000002", name: "old", archivedAt: 1 } as unknown as Workspace;
    useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: WORKSPACE, [archived.id]: archived }, sessions: {} });
    render(<SessionTable limit={8} />);
    expect(screen.getByText("No sessions yet. Start one in:")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "New session in old" })).toBeNull();
    // It only opens the repository's screen, where the session is made: a link (a new tab, a copied link).
    expect(screen.getByRole("link", { name: "New session in repo" }).getAttribute("href")).toBe(`#/w/${WORKSPACE.id}`);
    fireEvent.click(screen.getByRole("link", { name: "New session in repo" }));
    expect(useNavStore.getState().hash).toBe(`#/w/${WORKSPACE.id}`);
  });

  it("while the lists load, says so rather than 'No sessions yet' (a phone on a slow link showed that with 60 sessions)", () => {
    useConversationsStore.setState({ workspaces: {}, sessions: {}, isLoaded: false, loadError: null });
    render(<SessionTable limit={8} />);
    expect(screen.getByRole("status").textContent).toBe("Loading sessions…");
    expect(screen.queryByText(/No sessions/)).toBeNull();
    act(() => useConversationsStore.setState({ loadError: "HTTP 503" }));
    expect(screen.getByRole("alert").textContent).toBe("Could not load sessions: HTTP 503");
  });

  it("while the lists load, shows no session the socket brought meanwhile (Home showed a one-row list, then the whole one)", () => {
    useConversationsStore.setState({ sessions: { [session(1, null, "Live one").id]: session(1, null, "Live one") }, isLoaded: false, loadError: null });
    render(<SessionTable limit={8} />);
    expect(screen.getByRole("status").textContent).toBe("Loading sessions…");
    expect(screen.queryAllByTestId("session-row")).toEqual([]);
    act(() => useConversationsStore.setState({ isLoaded: true }));
    expect(screen.getAllByTestId("session-row")).toHaveLength(1);
  });

  it("when the lists could not be read, says so rather than list the sessions the socket brought", () => {
    useConversationsStore.setState({ sessions: { [session(1, null, "Live one").id]: session(1, null, "Live one") }, isLoaded: true, loadError: "Failed to fetch" });
    render(<SessionTable />);
    expect(screen.getByRole("alert").textContent).toBe("Could not load sessions: Failed to fetch");
    expect(screen.queryAllByTestId("session-row")).toEqual([]);
  });

  it("on Home with no repository yet, says to add one first", () => {
    useConversationsStore.setState({ workspaces: {}, sessions: {} });
    render(<SessionTable limit={8} />);
    expect(screen.getByText("No sessions yet. Add a repository below to start one.")).toBeTruthy();
  });

  it("on Home, says 'yet' only when there never were sessions: a removed repository's and archived ones are kept (it said 'No sessions yet')", () => {
    const removed = { ...WORKSPACE, archivedAt: 1 } as unknown as Workspace;
    const kept = session(1, null, "Kept work");
    useConversationsStore.setState({ workspaces: { [removed.id]: removed }, sessions: { [kept.id]: kept } });
    const { unmount } = render(<SessionTable limit={8} />);
    expect(screen.getByText("No live sessions: those of a removed repository come back when you restore it (Removed workspaces, in the menu). Add a repository below to start one.")).toBeTruthy();
    unmount();
    useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: WORKSPACE }, sessions: { [kept.id]: { ...kept, archivedAt: 2 } } });
    render(<SessionTable limit={8} />);
    expect(screen.getByText("No live sessions: archived ones are under All sessions. Start one in:")).toBeTruthy();
  });

  it("lists every run in the whole table", () => {
    render(<SessionTable />);
    expect(screen.getAllByTestId("session-row")).toHaveLength(5);
  });

  it("on a phone folds the filters behind one 'Filters (n)' button that counts those narrowing the list", () => {
    render(<SessionTable />);
    const toggle = screen.getByRole("button", { name: "Filters" });
    const fields = screen.getByTestId("session-filters");
    // Folded on a phone (hidden below the sm breakpoint), a row on a wide screen (sm:grid).
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(fields.className.split(" ")).toEqual(expect.arrayContaining(["hidden", "sm:grid"]));
    expect(toggle.className.split(" ")).toContain("sm:hidden");

    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(fields.className.split(" ")).not.toContain("hidden");
    fireEvent.change(screen.getByRole("combobox", { name: "Status" }), { target: { value: "done" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Show" }), { target: { value: "archived" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Sort by" }), { target: { value: "name" } });
    expect(screen.getByRole("button", { name: "Filters (2)" })).toBe(toggle);
  });
});

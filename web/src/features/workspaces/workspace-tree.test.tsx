// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Session, Workspace } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { ConversationSidebar } from "../conversations/conversation-sidebar.tsx";
import { WorkspaceTree } from "./workspace-tree.tsx";
import { hasBreakBeforeDot } from "../../lib/dot-join.ts";
import { timeOrDayAndTime } from "../../lib/when.ts";

const WORKSPACE = { id: "wsp_tree00000001", name: "repo", path: "/tmp/repo", archivedAt: null, problem: null } as unknown as Workspace;
const session = (n: number, fields: Partial<Omit<Session, "jobId">> & { jobId?: string } = {}) =>
  ({ id: `ses_tree0000000${n}`, workspaceId: WORKSPACE.id, name: `s${n}`, title: `Session ${n}`, jobId: null, isPinned: false, archivedAt: null, createdAt: n, updatedAt: n, problem: null, setup: null, ...fields }) as Session;

beforeEach(() => {
  // A `* * * * *` job's runs, one still waiting for an answer, beside a session of the user's own.
  const runs = [1, 2, 3, 4].map((n) => session(n, { jobId: "job_tree00000001", title: "Job: Every minute" }));
  const mine = session(5, { title: "My work" });
  const waiting = { id: "cnv_tree00000001", sessionId: runs[0]!.id, status: "waiting" } as unknown as Conversation;
  useConversationsStore.setState({
    workspaces: { [WORKSPACE.id]: WORKSPACE },
    sessions: Object.fromEntries([...runs, mine].map((s) => [s.id, s])),
    conversations: { [waiting.id]: waiting },
    isLoaded: true,
  });
});
isolateDomTests();

describe("WorkspaceTree", () => {
  it("folds a job's runs under its latest run (a run a minute flooded the sidebar), and unfolds the earlier ones on request", () => {
    render(<WorkspaceTree />);
    const tree = screen.getByRole("region", { name: "Workspaces" });
    expect(within(tree).getAllByRole("link", { name: /Job: Every minute|My work/ }).map((b) => b.textContent?.replace(/\d.*$/, ""))).toEqual(["My work", "Job: Every minute"]); // four runs, one row
    const toggle = within(tree).getByRole("button", { name: "3 earlier runs · 1 waiting for you" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(hasBreakBeforeDot(toggle.textContent ?? "")).toBe(false);
    fireEvent.click(toggle);
    expect(within(screen.getByRole("list", { name: "Earlier runs of Job: Every minute" })).getAllByRole("link")).toHaveLength(3);
  });

  it("shows a titled run's start time once, on the viewer's clock (the title's time, on the job's, was shown beside it again)", () => {
    const at = new Date(2026, 4, 4, 17, 5).getTime();
    const runs = [1, 2].map((n) => session(n, { jobId: "job_tree00000001", title: "Job: Check files · 4 May, 09:05", createdAt: at + n }));
    useConversationsStore.setState({ sessions: Object.fromEntries(runs.map((s) => [s.id, s])), conversations: {} });
    render(<WorkspaceTree />);
    const list = screen.getByRole("list", { name: "Sessions of repo" });
    const time = timeOrDayAndTime(at + 2);
    expect(within(list).getAllByRole("link").map((row) => row.textContent)).toEqual([`Job: Check files${time}`]);
    // A run renamed by its user, or titled before runs named their time, keeps its title whole beside the time.
    act(() => useConversationsStore.setState({ sessions: { ...useConversationsStore.getState().sessions, [runs[1]!.id]: { ...runs[1]!, title: "Job: Nightly · mine" } } }));
    expect(within(list).getAllByRole("link").map((row) => row.textContent)).toEqual([`Job: Nightly · mine${time}`]);
    // A job's only run is a row of its own, timed alike (it showed the title's time, on the job's clock, alone).
    act(() => useConversationsStore.setState({ sessions: { [runs[0]!.id]: runs[0]! } }));
    expect(within(list).getAllByRole("link").map((row) => row.textContent)).toEqual([`Job: Check files${timeOrDayAndTime(at + 1)}`]);
  });

  it("lists a workspace's 12 most recent sessions and the one on screen, the rest behind Show N more", () => {
    const many = Array.from({ length: 200 }, (_, i) => session(100 + i, { title: `Bulk ${i}`, updatedAt: 1000 + i }));
    useConversationsStore.setState({ sessions: Object.fromEntries(many.map((s) => [s.id, s])), conversations: {} });
    useNavStore.setState({ hash: `#/s/${many[0]!.id}` });
    render(<WorkspaceTree />);
    const list = screen.getByRole("list", { name: "Sessions of repo" });
    const rows = () => within(list).getAllByRole("link");
    expect(rows().map((b) => b.textContent?.match(/Bulk \d+/)?.[0])).toEqual([...Array.from({ length: 12 }, (_, i) => `Bulk ${199 - i}`), "Bulk 0"]);
    fireEvent.click(within(list).getByRole("button", { name: "Show 187 more sessions" }));
    expect(rows()).toHaveLength(200);
    fireEvent.click(within(list).getByRole("button", { name: "Show fewer sessions" }));
    expect(rows()).toHaveLength(13);
  });

  it("keeps the session of the conversation on screen in the capped list, not only a session's own screen", () => {
    const many = Array.from({ length: 40 }, (_, i) => session(100 + i, { title: `Bulk ${i}`, updatedAt: 1000 + i }));
    const talk = { id: "cnv_tree00000002", sessionId: many[0]!.id, status: "idle" } as unknown as Conversation;
    useConversationsStore.setState({ sessions: Object.fromEntries(many.map((s) => [s.id, s])), conversations: { [talk.id]: talk } });
    useNavStore.setState({ hash: `#/c/${talk.id}` });
    useUiStore.setState({ selectedId: talk.id as Conversation["id"] });
    render(<WorkspaceTree />);
    const list = screen.getByRole("list", { name: "Sessions of repo" });
    expect(within(list).getByRole("link", { name: /Bulk 0\b/ })).toBeTruthy();
    expect(within(list).getByRole("button", { name: "Show 27 more sessions" })).toBeTruthy();
  });
});

describe("the sidebar's entries", () => {
  it("are links to their screens (a new tab, a copied link); a plain click opens the screen in place, a ctrl/middle click leaves it to the browser", () => {
    const talk = { id: "cnv_tree00000003", sessionId: "ses_tree00000005", status: "idle", title: "Talk", updatedAt: 1 } as unknown as Conversation;
    useConversationsStore.setState({ conversations: { [talk.id]: talk } });
    useNavStore.setState({ hash: "" });
    render(<ConversationSidebar />);
    const workspace = screen.getByRole("link", { name: "repo" });
    const session = within(screen.getByRole("list", { name: "Sessions of repo" })).getByRole("link", { name: /My work/ });
    const conversation = within(screen.getByRole("list", { name: "Conversations" })).getByRole("link", { name: /^Talk/ });
    expect([workspace, session, conversation].map((link) => link.getAttribute("href"))).toEqual([`#/w/${WORKSPACE.id}`, "#/s/ses_tree00000005", `#/c/${talk.id}`]);
    // Not one entry holds a button (invalid HTML, and a screen reader's list of links would hide it).
    expect(screen.getAllByRole("link").filter((link) => link.querySelector("button"))).toEqual([]);
    for (const modified of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }]) expect(fireEvent.click(session, modified)).toBe(true);
    expect(fireEvent.click(session, { button: 1 })).toBe(true);
    expect(useNavStore.getState().hash).toBe("");
    expect(fireEvent.click(session)).toBe(false);
    expect(useNavStore.getState().hash).toBe("#/s/ses_tree00000005");
    expect(fireEvent.click(conversation)).toBe(false);
    expect(useUiStore.getState().selectedId).toBe(talk.id);
    expect(fireEvent.click(workspace)).toBe(false);
    expect(useNavStore.getState().hash).toBe(`#/w/${WORKSPACE.id}`);
  });
});

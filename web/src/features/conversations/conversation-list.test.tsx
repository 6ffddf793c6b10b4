// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Conversation, ConversationId, Session } from "../../../../shared/index.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ConversationList } from "./conversation-list.tsx";
import { dotJoin, hasBreakBeforeDot } from "../../lib/dot-join.ts";

isolateDomTests();

const SESSION = { id: "ses_list00000001", workspaceId: "wsp_list00000001", cwd: "/tmp/repo", archivedAt: null, jobId: null } as unknown as Session;
const conversation = (n: number) =>
  ({ id: `cnv_list${String(n).padStart(8, "0")}`, sessionId: SESSION.id, title: `Talk ${n}`, status: "idle", closedAt: null, jobId: null, updatedAt: 1000 + n }) as unknown as Conversation;

describe("ConversationList", () => {
  it("lists the 12 most recent of 200 conversations and the selected one, the rest behind Show N more", () => {
    const many = Array.from({ length: 200 }, (_, i) => conversation(i));
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: Object.fromEntries(many.map((c) => [c.id, c])), isLoaded: true });
    useUiStore.setState({ selectedId: many[0]!.id as ConversationId });
    render(<ConversationList />);
    const list = screen.getByRole("list", { name: "Conversations" });
    const rows = () => within(list).queryAllByRole("link");
    expect(rows().map((b) => b.textContent?.match(/Talk \d+/)?.[0])).toEqual([...Array.from({ length: 12 }, (_, i) => `Talk ${199 - i}`), "Talk 0"]);
    expect(rows().at(-1)?.getAttribute("aria-current")).toBe("page");
    fireEvent.click(within(list).getByRole("button", { name: "Show 187 more conversations" }));
    expect(rows()).toHaveLength(200);
    fireEvent.click(within(list).getByRole("button", { name: "Show fewer conversations" }));
    expect(rows()).toHaveLength(13);
  });

  it("says 'yet' only when there are no conversations at all, not when every one belongs to an archived session", () => {
    useConversationsStore.setState({ sessions: {}, conversations: {}, isLoaded: true });
    const { unmount } = render(<ConversationList />);
    screen.getByText("No conversations yet.");
    unmount();
    const archived = { ...SESSION, archivedAt: 1 } as Session;
    useConversationsStore.setState({ sessions: { [SESSION.id]: archived }, conversations: { [conversation(1).id]: conversation(1) }, isLoaded: true });
    render(<ConversationList />);
    screen.getByText("No open conversations. Closed and archived ones are in their sessions, under All sessions.");
  });

  it("says job runs are under Jobs when they are all the list leaves out (it said archived sessions, and none were)", () => {
    const jobSession = { ...SESSION, jobId: "job_list00000001" } as unknown as Session;
    const finished = { ...conversation(1), status: "idle" } as Conversation;
    useConversationsStore.setState({ sessions: { [SESSION.id]: jobSession }, conversations: { [finished.id]: finished }, isLoaded: true });
    const { unmount } = render(<ConversationList />);
    screen.getByText("No open conversations. Job runs are under Jobs.");
    unmount();
    const closed = { ...conversation(2), sessionId: "ses_list00000002", closedAt: 5 } as unknown as Conversation;
    useConversationsStore.setState({ sessions: { [SESSION.id]: jobSession, ses_list00000002: { ...SESSION, id: "ses_list00000002" } as Session }, conversations: { [finished.id]: finished, [closed.id]: closed }, isLoaded: true });
    render(<ConversationList />);
    screen.getByText("No open conversations. Closed and archived ones are in their sessions, under All sessions. Job runs are under Jobs.");
  });

  it("names a job run waiting for you without its title's start time (on the job's clock, said twice beside its age)", () => {
    const runSession = { ...SESSION, jobId: "job_list00000001", name: "havana", title: "Job: Ask · 7 Dec, 01:52" } as unknown as Session;
    const waiting = { ...conversation(1), title: "Ask · 7 Dec, 01:52", status: "waiting", jobId: "job_list00000001", updatedAt: Date.now() } as unknown as Conversation;
    useConversationsStore.setState({ sessions: { [SESSION.id]: runSession }, conversations: { [waiting.id]: waiting }, isLoaded: true });
    render(<ConversationList />);
    const row = within(screen.getByRole("list", { name: "Conversations" })).getByRole("link");
    expect(row.textContent).not.toMatch(/01:52/);
    expect(row.textContent).toMatch(/^Ask.*Job: Ask$/);
  });

  it("has no Show more under a list that fits", () => {
    const few = [conversation(1), conversation(2)];
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: Object.fromEntries(few.map((c) => [c.id, c])), isLoaded: true });
    render(<ConversationList />);
    expect(within(screen.getByRole("list", { name: "Conversations" })).queryAllByRole("button")).toHaveLength(0);
  });

  it("tells a session's conversations apart by state and last activity, naming the session by its title (each said its folder's name)", () => {
    const session = { ...SESSION, cwd: "/data/workspaces/warsaw", name: "warsaw", title: "Fix the login page" } as Session;
    const now = Date.now();
    const talks = [
      { ...conversation(1), title: "Task", status: "ready", updatedAt: now - 5 * 60_000 },
      { ...conversation(2), title: "Review", status: "idle", updatedAt: now - 3 * 3_600_000 },
    ] as Conversation[];
    useConversationsStore.setState({ sessions: { [session.id]: session }, conversations: Object.fromEntries(talks.map((c) => [c.id, c])), isLoaded: true });
    render(<ConversationList />);
    const rows = within(screen.getByRole("list", { name: "Conversations" })).getAllByRole("link");
    expect(rows.map((row) => row.textContent)).toEqual([`Task${dotJoin(["Ready", "5 min ago", "Fix the login page"])}`, `Review${dotJoin(["Idle", "3 h ago", "Fix the login page"])}`]);
    expect(rows.filter((row) => hasBreakBeforeDot(row.textContent ?? ""))).toEqual([]);
  });

  it("says a conversation's status is only the last known one while the connection is lost, and the live one once back", () => {
    const running = { ...conversation(1), title: "Task", status: "running", updatedAt: Date.now() } as Conversation;
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [running.id]: running }, isLoaded: true });
    act(() => useConnectionStore.getState().setSocket("open", null));
    render(<ConversationList />);
    const row = () => within(screen.getByRole("list", { name: "Conversations" })).getByRole("link").textContent ?? "";
    expect(row()).toMatch(/^TaskRunning\u00a0· /);
    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    expect(row()).toMatch(/^TaskLast known: running\u00a0· /);
    expect(hasBreakBeforeDot(row())).toBe(false);
    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(row()).toMatch(/^TaskRunning\u00a0· /);
  });
});

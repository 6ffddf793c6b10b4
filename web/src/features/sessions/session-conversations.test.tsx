// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, Session, Workspace } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { SessionConversations } from "./session-conversations.tsx";

const SESSION = { id: "ses_convlist00001", workspaceId: "wsp_convlist00001", name: "draco", archivedAt: null, setup: null } as unknown as Session;

const WORKSPACE = { id: "wsp_convlist00001", name: "api", archivedAt: null } as unknown as Workspace;

beforeEach(() => {
  useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: WORKSPACE }, sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
});
isolateDomTests();

describe("SessionConversations", () => {
  it("titles each conversation with a link to it: a plain click opens it in place, a ctrl or middle click is left to the browser (a new tab)", () => {
    const conversation = { id: "cnv_convlist00003", sessionId: SESSION.id, title: "Fix login", kind: "chat", status: "idle", closedAt: null, jobId: null, createdAt: 1, updatedAt: 1 } as unknown as Conversation;
    useConversationsStore.setState({ conversations: { [conversation.id]: conversation } });
    history.replaceState(null, "", `/#/s/${SESSION.id}`);
    useNavStore.getState().sync();
    render(<SessionConversations session={SESSION} />);
    const title = screen.getByRole("link", { name: /^Fix login/ });
    expect(title.getAttribute("href")).toBe(`#/c/${conversation.id}`);
    expect(fireEvent.click(title, { ctrlKey: true })).toBe(true);
    expect(fireEvent.click(title, { button: 1 })).toBe(true);
    expect(location.hash).toBe(`#/s/${SESSION.id}`);
    expect(fireEvent.click(title)).toBe(false);
    expect(location.hash).toBe(`#/c/${conversation.id}`);
    expect(useUiStore.getState().selectedId).toBe(conversation.id);
    // Rename, Close and Delete do something here: they stay buttons beside the link, not inside it.
    expect(title.querySelector("button")).toBeNull();
    expect(screen.getByRole("button", { name: "Rename Fix login" })).toBeTruthy();
  });

  it("says the session has no conversation when it has none (its last one deleted), and not beside the note of a closed one", () => {
    const view = render(<SessionConversations session={SESSION} />);
    expect(screen.getByText("No conversations in this session. Start a task, a review or a chat above.")).toBeTruthy();
    view.unmount();
    useConversationsStore.setState({ sessions: { [SESSION.id]: { ...SESSION, archivedAt: 1 } } });
    render(<SessionConversations session={{ ...SESSION, archivedAt: 1 }} />);
    expect(screen.queryByText(/No conversations in this session/)).toBeNull();
  });

  it("says why a new conversation was not made (the button did nothing)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "server_stopping", message: "ChatML is stopping, so it did not start this: try again once it has restarted." } }, 503)));
    render(<SessionConversations session={SESSION} />);
    fireEvent.click(screen.getByRole("button", { name: "New chat" }));
    expect(await screen.findByText(/ChatML is stopping, so it did not start this/)).toBeTruthy();
  });

  it("says beside the disabled New buttons of an archived session why, and unarchives it from there", async () => {
    const archived = { ...SESSION, archivedAt: 1 } as unknown as Session;
    const fetch = vi.fn(async (_url: RequestInfo | URL) => jsonResponse({ session: { ...archived, archivedAt: null } }));
    vi.stubGlobal("fetch", fetch);
    render(<SessionConversations session={archived} />);
    for (const name of ["New task", "New review", "New chat"]) {
      const button = screen.getByRole<HTMLButtonElement>("button", { name, description: "This session is archived, so it takes no new conversation. Unarchive it to add one." });
      expect(button.disabled).toBe(true);
    }
    fireEvent.click(screen.getByRole("button", { name: "Unarchive" }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
    expect(String(fetch.mock.calls[0]?.[0])).toContain(`/api/sessions/${SESSION.id}/unarchive`);
  });

  it("says beside the disabled New buttons of a removed workspace's session why, and restores the workspace from there", async () => {
    useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: { ...WORKSPACE, archivedAt: 1 } } });
    const fetch = vi.fn(async (_url: RequestInfo | URL) => jsonResponse({ workspace: WORKSPACE }));
    vi.stubGlobal("fetch", fetch);
    render(<SessionConversations session={SESSION} />);
    const reason = "The workspace api was removed (its history is kept), so this session takes no new conversation. Restore the workspace to add one.";
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "New chat", description: reason }).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Restore workspace" }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
    expect(String(fetch.mock.calls[0]?.[0])).toContain(`/api/workspaces/${WORKSPACE.id}/restore`);
  });

  it("makes a new conversation while the setup script runs (its messages wait for the worktree on the server)", async () => {
    const settingUp = { ...SESSION, setup: { status: "running", steps: [], error: null } } as unknown as Session;
    const conversation = { id: "cnv_convlist00001", sessionId: SESSION.id, title: "New task", kind: "task" };
    const fetch = vi.fn(async () => jsonResponse({ conversation }, 201));
    vi.stubGlobal("fetch", fetch);
    render(<SessionConversations session={settingUp} />);
    const button = screen.getByRole<HTMLButtonElement>("button", { name: "New task" });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
  });

  it("renames in place, keeping a 10,000-character title the server refuses in the box with its reason, and says why an empty one is not sent", async () => {
    const conversation = { id: "cnv_convlist00002", sessionId: SESSION.id, title: "Fix login", kind: "chat", status: "idle", closedAt: null, jobId: null, createdAt: 1, updatedAt: 1 } as unknown as Conversation;
    useConversationsStore.setState({ conversations: { [conversation.id]: conversation } });
    const fetch = vi.fn(async () => jsonResponse({ error: { code: "bad_request", message: "Title must be at most 200 characters." } }, 400));
    vi.stubGlobal("fetch", fetch);
    render(<SessionConversations session={SESSION} />);
    fireEvent.click(screen.getByRole("button", { name: "Rename Fix login" }));
    const box = screen.getByRole<HTMLInputElement>("textbox", { name: "New title for Fix login" });
    const long = "x".repeat(10_000);
    fireEvent.change(box, { target: { value: long } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Title must be at most 200 characters.")).toBeTruthy();
    expect(box.value).toBe(long);

    fireEvent.change(box, { target: { value: "  " } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByText("Type a title first: a conversation's title cannot be empty.")).toBeTruthy();
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("gives the keyboard back to Rename when the rename box closes, by Escape, Cancel or Save", async () => {
    const conversation = { id: "cnv_convlist00003", sessionId: SESSION.id, title: "Fix login", kind: "chat", status: "idle", closedAt: null, jobId: null, createdAt: 1, updatedAt: 1 } as unknown as Conversation;
    useConversationsStore.setState({ conversations: { [conversation.id]: conversation } });
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ conversation: { ...conversation, title: "Fix sign-in" } })));
    render(<SessionConversations session={SESSION} />);
    const rename = () => screen.getByRole("button", { name: "Rename Fix login" });
    expect(document.activeElement).toBe(document.body);

    fireEvent.click(rename());
    fireEvent.keyDown(screen.getByRole("textbox", { name: "New title for Fix login" }), { key: "Escape" });
    expect(document.activeElement).toBe(rename());

    fireEvent.click(rename());
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(document.activeElement).toBe(rename());

    fireEvent.click(rename());
    fireEvent.change(screen.getByRole("textbox", { name: "New title for Fix login" }), { target: { value: "Fix sign-in" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await vi.waitFor(() => expect(document.activeElement).toBe(rename()));
  });
});

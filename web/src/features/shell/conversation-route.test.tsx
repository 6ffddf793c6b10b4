// @vitest-environment jsdom
import { render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationId, Session } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { ConversationRoute } from "./conversation-route.tsx";

const GONE = "cnv_gone00000001" as ConversationId;
const SESSION = { id: "ses_route0000001", workspaceId: "wsp_route0000001", name: "draco", title: "Job: Fake job", kind: "worktree", archivedAt: null } as unknown as Session;
const notFound = (what: string) => jsonResponse({ error: { code: "not_found", message: `${what} does not exist.` } }, 404);

let requests: string[] = [];
beforeEach(() => {
  requests = [];
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    requests.push(String(url));
    return notFound(`Conversation ${GONE}`);
  }));
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: true, loadError: null });
});
isolateDomTests();

describe("ConversationRoute", () => {
  it("shows one plain 'does not exist' screen for a conversation the server does not know: no spinner, no status, no composer, nothing else asked", async () => {
    render(<ConversationRoute id={GONE} />);
    await screen.findByText("This conversation does not exist (any more).");
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByText(/Idle/)).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    // Only the conversation itself was asked for: not its history, queue or commands.
    expect(requests.map((url) => url.replace(/\?.*/, ""))).toEqual(requests.map(() => `/api/conversations/${GONE}`));
    expect(screen.getByRole("link", { name: "Go to Home" }).getAttribute("href")).toBe("#/");
    screen.getByRole("link", { name: "Go to Home" }).click();
    expect(useNavStore.getState().hash).toBe("");
  });

  it("links the session when the conversation was deleted alone while open", async () => {
    const conversation = { id: GONE, sessionId: SESSION.id, title: "Gone", status: "idle", lastSeq: 0, closedAt: null, updatedAt: 1 } as unknown as Conversation;
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [GONE]: conversation } });
    render(<ConversationRoute id={GONE} />);
    useConversationsStore.getState().upsert({ kind: "removed", entity: "conversation", id: GONE });
    await screen.findByText("This conversation does not exist (any more).");
    expect(screen.getByRole("link", { name: "Open the session “Job: Fake job”" }).getAttribute("href")).toBe(`#/s/${SESSION.id}`);
    screen.getByRole("link", { name: "Open the session “Job: Fake job”" }).click();
    expect(useNavStore.getState().hash).toBe(`#/s/${SESSION.id}`);
  });

  it("opens a conversation the lists do not hold yet once the server has it", async () => {
    const conversation = { id: GONE, sessionId: SESSION.id, title: "Just made", status: "idle", lastSeq: 0, closedAt: null, updatedAt: 1 } as unknown as Conversation;
    // The conversation, once the server has it; its budget is not looked at here (a budget is read as a conversation opens).
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      if (String(url) === `/api/conversations/${GONE}`) return jsonResponse({ conversation });
      return String(url).includes("/budget") ? notFound("budget") : jsonResponse({});
    }));
    render(<ConversationRoute id={GONE} />);
    await waitFor(() => expect(useConversationsStore.getState().conversations[GONE]).toBeDefined());
    await screen.findByRole("heading", { name: "Just made" });
    expect(screen.queryByText("This conversation does not exist (any more).")).toBeNull();
  });

  it("turns an open conversation whose history the server no longer has into the same screen", async () => {
    const conversation = { id: GONE, sessionId: SESSION.id, title: "Stale", status: "idle", lastSeq: 0, closedAt: null, updatedAt: 1 } as unknown as Conversation;
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [GONE]: conversation } });
    render(<ConversationRoute id={GONE} />);
    await screen.findByText("This conversation does not exist (any more).");
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.getByRole("link", { name: "Open the session “Job: Fake job”" }).getAttribute("href")).toBe(`#/s/${SESSION.id}`);
  });
});

// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, Session } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { SessionActions } from "./session-actions.tsx";

const SESSION = { id: "ses_archive00001", workspaceId: "wsp_archive00001", name: "vega", title: "Vega", kind: "worktree", branch: "vega", cwd: "/tmp/vega", archivedAt: null } as unknown as Session;
const conversation = (id: string, title: string, status: string) => ({ id, sessionId: SESSION.id, title, status }) as unknown as Conversation;
const withConversations = (...list: Conversation[]) => useConversationsStore.setState({ conversations: Object.fromEntries(list.map((c) => [c.id, c])) });
const archiveCalls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls.filter(([url]) => String(url).endsWith(`/api/sessions/${SESSION.id}/archive`)).length;

beforeEach(() => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
  useTerminalsStore.setState({ bySession: {} });
});
isolateDomTests();

describe("SessionActions", () => {
  it("archives at once a session in which Claude is not at work", async () => {
    withConversations(conversation("cnv_done", "Done", "idle"));
    const fetch = vi.fn(async () => jsonResponse({ session: { ...SESSION, archivedAt: 1 } }));
    vi.stubGlobal("fetch", fetch);
    render(<SessionActions session={SESSION} />);
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    await waitFor(() => expect(archiveCalls(fetch)).toBe(1));
    expect(screen.queryByRole("group", { name: "Archive while Claude is working" })).toBeNull();
  });

  it("asks first while Claude is at work (archiving stops the turn): Keep working archives nothing, the confirm archives", async () => {
    withConversations(conversation("cnv_long", "Long turn", "running"), conversation("cnv_ask", "Asks", "waiting"), conversation("cnv_done", "Done", "idle"));
    const fetch = vi.fn(async () => jsonResponse({ session: { ...SESSION, archivedAt: 1 } }));
    vi.stubGlobal("fetch", fetch);
    render(<SessionActions session={SESSION} />);
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    const ask = screen.getByRole("group", { name: "Archive while Claude is working" });
    expect(ask.textContent).toContain("Claude is working in “Long turn”, “Asks”: archiving stops them mid-turn.");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Archive and stop Claude" }));
    fireEvent.click(screen.getByRole("button", { name: "Keep working" }));
    expect(screen.queryByRole("group", { name: "Archive while Claude is working" })).toBeNull();
    expect(archiveCalls(fetch)).toBe(0);

    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    fireEvent.click(screen.getByRole("button", { name: "Archive and stop Claude" }));
    await waitFor(() => expect(archiveCalls(fetch)).toBe(1));
    expect(screen.queryByRole("group", { name: "Archive while Claude is working" })).toBeNull();
  });
});

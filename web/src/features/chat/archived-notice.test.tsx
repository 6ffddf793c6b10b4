// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { ArchivedNotice } from "./archived-notice.tsx";

const SESSION = { id: "ses_archived00001", workspaceId: "wsp_archived00001", name: "draco", archivedAt: null, setup: null } as unknown as Session;

beforeEach(() => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
});
isolateDomTests();

describe("ArchivedNotice", () => {
  it("says so in the conversation when its session is archived elsewhere, and Unarchive brings it back", async () => {
    render(<ArchivedNotice sessionId={SESSION.id} />);
    expect(screen.queryByRole("status", { name: "Session archived" })).toBeNull();
    // Another device archives the session: the socket's entity change reaches the store.
    act(() => useConversationsStore.setState({ sessions: { [SESSION.id]: { ...SESSION, archivedAt: 5 } } }));
    expect(screen.getByRole("status", { name: "Session archived" }).textContent).toContain("This session is archived");
    const fetch = vi.fn(async () => jsonResponse({ session: { ...SESSION, archivedAt: null } }));
    vi.stubGlobal("fetch", fetch);
    fireEvent.click(screen.getByRole("button", { name: "Unarchive" }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
    expect(String((fetch.mock.calls[0] as unknown as [string])[0])).toContain(`/api/sessions/${SESSION.id}/unarchive`);
  });

  it("shows the refusal when Unarchive fails", async () => {
    useConversationsStore.setState({ sessions: { [SESSION.id]: { ...SESSION, archivedAt: 5 } } });
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "not_found", message: "Session ses_archived00001 was deleted." } }, 404)));
    render(<ArchivedNotice sessionId={SESSION.id} />);
    fireEvent.click(screen.getByRole("button", { name: "Unarchive" }));
    expect(await screen.findByText("Session ses_archived00001 was deleted.")).toBeTruthy();
  });
});

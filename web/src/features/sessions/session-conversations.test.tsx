// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { SessionConversations } from "./session-conversations.tsx";

const SESSION = { id: "ses_convlist00001", workspaceId: "wsp_convlist00001", name: "draco", archivedAt: null, setup: null } as unknown as Session;

beforeEach(() => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
});
isolateDomTests();

describe("SessionConversations", () => {
  it("says why a new conversation was not made (the button did nothing)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "server_stopping", message: "ChatML is stopping, so it did not start this: try again once it has restarted." } }, 503)));
    render(<SessionConversations session={SESSION} />);
    fireEvent.click(screen.getByRole("button", { name: "New chat" }));
    expect(await screen.findByText(/ChatML is stopping, so it did not start this/)).toBeTruthy();
  });
});

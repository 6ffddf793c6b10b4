// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { screenOf } from "../../test-support/screen-of.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SessionFrame } from "./session-frame.tsx";

const SESSION = { id: "ses_frame0000001", workspaceId: "wsp_frame0000001", name: "gadget", title: null, kind: "worktree", branch: "gadget", git: null, jobId: null, archivedAt: null, problem: null, setup: null } as unknown as Session;

beforeEach(() => {
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({})));
  useConversationsStore.setState({ workspaces: {}, sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true, loadError: null });
});
isolateDomTests();

describe("the session header row over a conversation", () => {
  it("stays on a desktop, and gives way to the conversation's own top bar on a phone turned sideways, as upright", async () => {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    const { unmount } = render(<SessionFrame sessionId={SESSION.id} hasPhoneHeader><p>the conversation</p></SessionFrame>);
    expect(screen.getByTestId("session-header")).toBeTruthy();
    unmount();
    // Sideways the workbench shows the phone's views: a header row above the conversation's top bar was a second menu
    // button and a quarter of the screen's height.
    screenOf({ width: 844, height: 390, hasMouse: false });
    render(<SessionFrame sessionId={SESSION.id} hasPhoneHeader><p>the conversation</p></SessionFrame>);
    expect(await screen.findByText("the conversation", {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByTestId("session-header")).toBeNull();
  });
});

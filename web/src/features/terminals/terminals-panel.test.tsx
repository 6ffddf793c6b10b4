// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Session, SessionId, Workspace } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { screenOf } from "../../test-support/screen-of.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { TerminalsBar, TerminalsPanel } from "./terminals-panel.tsx";

isolateDomTests();
// jsdom lays nothing out: the panel measures no height, so it is never short here (e2e terminals-size checks that).
beforeEach(() => vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} }));

const SESSION = { id: "ses_closed0001", workspaceId: "wsp_closed0001", name: "gadget", archivedAt: null } as unknown as Session;
const WORKSPACE = { id: "wsp_closed0001", name: "tools", archivedAt: null } as unknown as Workspace;
const sessionId = SESSION.id as SessionId;

/** The session and its workspace as the store knows them. */
function given(session: Partial<Session>, workspace: Partial<Workspace> = {}): void {
  useConversationsStore.setState({ sessions: { [SESSION.id]: { ...SESSION, ...session } }, workspaces: { [WORKSPACE.id]: { ...WORKSPACE, ...workspace } } });
}

describe("the terminals of a session that opens no terminal", () => {
  it("an archived session's: '+ Terminal' and '+ Claude' are off and the panel says why, not 'No terminals yet'", () => {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    given({ archivedAt: 1 });
    render(<TerminalsPanel sessionId={sessionId} />);
    expect((screen.getByRole("button", { name: "+ Terminal" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "+ Claude" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("This session is archived, so it opens no terminal. Unarchive it (on its overview) to open one.")).toBeTruthy();
    expect(screen.queryByText(/No terminals yet/)).toBeNull();
  });

  it("a removed workspace's, folded into the desktop's bar too; an open session's buttons stay on", () => {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    given({}, { archivedAt: 1 });
    const { unmount } = render(<TerminalsBar sessionId={sessionId} onOpen={() => undefined} />);
    expect((screen.getByRole("button", { name: "+ Terminal" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("The workspace tools was removed, so this session opens no terminal. Restore the workspace to open one.")).toBeTruthy();
    unmount();
    given({});
    render(<TerminalsPanel sessionId={sessionId} />);
    expect((screen.getByRole("button", { name: "+ Terminal" }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/^No terminals yet/)).toBeTruthy();
  });
});

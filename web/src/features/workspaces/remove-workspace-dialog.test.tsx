// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation, Session, Workspace } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { RemoveWorkspaceDialog } from "./remove-workspace-dialog.tsx";

const WORKSPACE = { id: "wsp_removing0001", name: "parser", path: "/repo/parser", archivedAt: null } as unknown as Workspace;
const session = (id: string, workspaceId: string) => ({ id, workspaceId }) as unknown as Session;
const conversation = (id: string, sessionId: string, title: string, status: Conversation["status"]) => ({ id, sessionId, title, status }) as unknown as Conversation;

isolateDomTests();
afterEach(() => useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {} }));

describe("RemoveWorkspaceDialog", () => {
  it("says which conversations Claude is working in, since removing stops them", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ sessions: 2, conversations: 3 })));
    useConversationsStore.setState({
      sessions: { ses_here0000001: session("ses_here0000001", WORKSPACE.id), ses_elsewhere001: session("ses_elsewhere001", "wsp_other0000001") },
      conversations: {
        cnv_working00001: conversation("cnv_working00001", "ses_here0000001", "Fix the flaky test", "running"),
        cnv_asking000001: conversation("cnv_asking000001", "ses_here0000001", "Bump deps", "waiting"),
        cnv_resting00001: conversation("cnv_resting00001", "ses_here0000001", "Old chat", "ready"),
        cnv_elsewhere001: conversation("cnv_elsewhere001", "ses_elsewhere001", "Other repo", "running"),
      },
    });
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    await screen.findByText(/History kept: 3 conversations in 2 sessions/);
    expect(screen.getByRole("alert").textContent).toBe("Claude is working in 2 conversations here (Fix the flaky test, Bump deps): removing stops them now.");
  });

  it("says how many terminals run in its sessions, since removing ends them", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ sessions: 1, conversations: 1, runningTerminals: 2 })));
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("2 terminals are running in its sessions: removing ends them and what runs in them.");
  });

  it("warns of nothing when nothing is at work", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ sessions: 1, conversations: 1, runningTerminals: 0 })));
    useConversationsStore.setState({
      sessions: { ses_here0000001: session("ses_here0000001", WORKSPACE.id) },
      conversations: { cnv_resting00001: conversation("cnv_resting00001", "ses_here0000001", "Old chat", "ready") },
    });
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    await screen.findByText(/History kept: 1 conversation in 1 session/);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HOLDING_KINDS, type Conversation, type Session, type Workspace, type WorkspaceHoldings } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { RemoveWorkspaceDialog } from "./remove-workspace-dialog.tsx";

const WORKSPACE = { id: "wsp_removing0001", name: "parser", path: "/repo/parser", archivedAt: null } as unknown as Workspace;
const session = (id: string, workspaceId: string) => ({ id, workspaceId }) as unknown as Session;
const NONE = Object.fromEntries(HOLDING_KINDS.map((kind) => [kind, 0])) as WorkspaceHoldings;
/** The history route's answer: what the workspace owns and the terminals running in it. */
const owns = (holdings: Partial<WorkspaceHoldings>, runningTerminals = 0) => ({ ...NONE, ...holdings, runningTerminals });
const conversation = (id: string, sessionId: string, title: string, status: Conversation["status"]) => ({ id, sessionId, title, status }) as unknown as Conversation;

isolateDomTests();
afterEach(() => {
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {} });
  useUiStore.getState().showNotice(null);
});

describe("RemoveWorkspaceDialog", () => {
  it("says which conversations Claude is working in, since removing stops them", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ sessions: 2, conversations: 3 }))));
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
    await screen.findByText(/^3 conversations in 2 sessions are kept; restore the workspace/);
    expect(screen.getByRole("alert").textContent).toBe("Claude is working in 2 conversations here (Fix the flaky test, Bump deps): removing stops them now.");
  });

  it("says how many terminals run in its sessions, since removing ends them", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ sessions: 1, conversations: 1 }, 2))));
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("2 terminals are running in its sessions: removing ends them and what runs in them.");
  });

  it("warns of nothing when nothing is at work", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ sessions: 1, conversations: 1 }))));
    useConversationsStore.setState({
      sessions: { ses_here0000001: session("ses_here0000001", WORKSPACE.id) },
      conversations: { cnv_resting00001: conversation("cnv_resting00001", "ses_here0000001", "Old chat", "ready") },
    });
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    await screen.findByText(/^1 conversation in 1 session is kept; restore the workspace/);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says before the tap that its jobs and goals must go first when its history is to be deleted, and offers no Delete", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ sessions: 1, conversations: 2, jobs: 2, goals: 1 }))));
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    fireEvent.click(await screen.findByRole("checkbox", { name: /Also delete its history for good/ }));
    expect(screen.getByRole("alert").textContent).toBe("Delete its 1 goal and 2 jobs first (on the Jobs screen): they would be left without a workspace.");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Delete 2 conversations" }).disabled).toBe(true);
  });

  it("names what a workspace without conversations keeps: its jobs and MCP server", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ jobs: 2, mcpServers: 1 }))));
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    await screen.findByText("2 jobs and 1 MCP server are kept; restore the workspace from “Removed workspaces” (or add the folder again) to use them again.");
    expect(screen.getByRole("button", { name: "Remove, keep history" })).toBeTruthy();
    expect(screen.queryByRole("checkbox")).toBeNull();
  });

  it("says plainly that an empty workspace keeps nothing, offers no history to delete, and removes it", async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => jsonResponse(String(url).endsWith("/history") ? owns({}) : { workspace: WORKSPACE, isForgotten: true }));
    vi.stubGlobal("fetch", fetch);
    const onDone = vi.fn();
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={onDone} />);
    await screen.findByText(/^Nothing is kept: it has no conversations, jobs or settings\./);
    expect(screen.queryByText(/0 conversations/)).toBeNull();
    expect(screen.queryByRole("checkbox")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(fetch.mock.calls.some(([url, init]) => String(url).endsWith(`/workspaces/${WORKSPACE.id}`) && init?.method === "DELETE")).toBe(true);
    expect(useUiStore.getState().notice).toBeNull();
  });

  it("says so when the server kept a workspace shown as empty (something was made for it meanwhile)", async () => {
    vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).endsWith("/history") ? owns({}) : { workspace: WORKSPACE, isForgotten: false })));
    const onDone = vi.fn();
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={onDone} />);
    await screen.findByText(/^Nothing is kept/);
    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(useUiStore.getState().notice).toBe("parser was given something of its own meanwhile, so it was kept under “Removed workspaces”.");
  });

  it("removes an empty workspace archived before (Delete history on it) with the same plain words, not 'Delete 0 conversations'", async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => jsonResponse(String(url).endsWith("/history") ? owns({}) : { workspace: WORKSPACE, isForgotten: true }));
    vi.stubGlobal("fetch", fetch);
    const onDone = vi.fn();
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} isDeletingHistory onClose={() => undefined} onDone={onDone} />);
    await screen.findByText(/^Nothing is kept/);
    expect(screen.getByRole("heading", { name: "Remove parser?" })).toBeTruthy();
    expect(screen.queryByText(/0 conversations/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(fetch.mock.calls.some(([url, init]) => String(url).endsWith(`/workspaces/${WORKSPACE.id}`) && init?.method === "DELETE")).toBe(true);
  });
});

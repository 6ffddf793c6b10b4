// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationId, Session, SessionId, TerminalId, TerminalInfo, Workspace } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { screenOf } from "../../test-support/screen-of.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
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

describe("+ Claude beside a conversation", () => {
  const CONVERSATION = "cnv_effortside1" as ConversationId;
  /** The body of the request that started the interactive Claude, once "+ Claude" was clicked with `shown` on screen. */
  async function startedWith(shown: Partial<Conversation>): Promise<Record<string, unknown>> {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    given({});
    useConversationsStore.setState({ conversations: { [CONVERSATION]: { id: CONVERSATION, sessionId, effort: null, ...shown } as unknown as Conversation } });
    useUiStore.setState({ selectedId: CONVERSATION });
    // The server as the panel asks it: no terminals, approvals or outside sessions yet; the started TUI.
    const answers: [RegExp, unknown][] = [[/\/claude$/, { terminal: {} }], [/\/approvals$/, { approvals: [] }], [/outside-sessions$/, { sessions: [] }], [/\/terminals$/, { terminals: [], ended: [] }]];
    const fetch = vi.fn(async (url: string) => jsonResponse(answers.find(([path]) => path.test(String(url)))?.[1] ?? {}));
    vi.stubGlobal("fetch", fetch);
    render(<TerminalsPanel sessionId={sessionId} />);
    fireEvent.click(screen.getByRole("button", { name: "+ Claude" }));
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url).endsWith("/claude"))).toBe(true));
    const [, init] = fetch.mock.calls.find(([url]) => String(url).endsWith("/claude")) as unknown as [string, RequestInit];
    return JSON.parse(String(init.body)) as Record<string, unknown>;
  }

  it("runs at the effort of the conversation shown beside the terminals, as 'Continue in terminal' from it does", async () => {
    expect(await startedWith({ effort: "high" })).toMatchObject({ effort: "high" });
  });

  it("asks no level for a conversation of another session", async () => {
    expect(await startedWith({ effort: "high", sessionId: "ses_elsewhere01" as SessionId })).not.toHaveProperty("effort");
  });

  it("asks no level beside a conversation that leaves it to the CLI's default", async () => {
    expect(await startedWith({ effort: null })).not.toHaveProperty("effort");
  });
});

describe("the desktop's folded terminals bar", () => {
  const SHELL: TerminalInfo = { id: "trm_folded0001" as TerminalId, sessionId, name: "Terminal 1", kind: "shell", conversationId: null, command: ["/bin/bash", "-i"], status: "running", exitCode: null, problem: null, cols: 80, rows: 24, createdAt: 1 };
  const SETUP = "Claude Code has not finished its first-run setup for this user (theme, sign-in, a check that it can reach Anthropic), which the interactive CLI needs before anything else. It said: “Welcome to Claude Code”.";
  const CLAUDE: TerminalInfo = { ...SHELL, id: "trm_folded0002" as TerminalId, name: "Claude 1", kind: "claude", command: ["claude"], status: "exited", exitCode: 1, ending: "exit_code", problem: SETUP };
  const KILLED: TerminalInfo = { ...CLAUDE, id: "trm_folded0003" as TerminalId, name: "Claude 2", exitCode: 129, ending: "chatml", problem: null };

  it("says why a Claude exited on one line (whole in its title), not only how many exited; one ChatML killed says nothing", async () => {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    given({});
    const terminals = [SHELL, CLAUDE, KILLED];
    vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(/\/terminals$/.test(String(url)) ? { terminals, ended: [] } : /approvals$/.test(String(url)) ? { approvals: [] } : { sessions: [] })));
    useTerminalsStore.getState().setSession(sessionId, terminals);
    render(<TerminalsBar sessionId={sessionId} onOpen={() => undefined} />);
    expect(screen.getByRole("button", { name: "Show terminals" }).textContent).toBe("Terminals (1 running, 2 exited)");
    // Before, folded, "(2 exited)" was all: why the Claude ended (its first-run setup, sign-in) showed only once opened.
    const said = await screen.findByRole("status");
    const whole = `“Claude 1” ended (exit code 1): ${SETUP}`;
    expect(said.textContent).toBe(whole);
    expect(said.getAttribute("title")).toBe(whole);
    expect(said.className).toContain("truncate");
    expect(screen.getAllByRole("status")).toHaveLength(1);
  });
});

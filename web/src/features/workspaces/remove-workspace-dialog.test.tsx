// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HOLDING_KINDS, type Conversation, type Session, type Workspace, type WorkspaceHoldings, type WorkspacePlans } from "../../../../shared/index.ts";
import { runTitleTime } from "../../../../shared/run-title.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { RemoveWorkspaceDialog } from "./remove-workspace-dialog.tsx";

const WORKSPACE = { id: "wsp_removing0001", name: "parser", path: "/repo/parser", archivedAt: null } as unknown as Workspace;
const session = (id: string, workspaceId: string) => ({ id, workspaceId }) as unknown as Session;
const NONE = Object.fromEntries(HOLDING_KINDS.map((kind) => [kind, 0])) as WorkspaceHoldings;
const NO_PLANS: WorkspacePlans = { goals: [], jobs: [] };
/** The history route's answer: what the workspace owns, its goals and jobs by name, and the terminals running in it. */
const owns = (holdings: Partial<WorkspaceHoldings>, runningTerminals = 0, plans = NO_PLANS) => ({ ...NONE, ...holdings, goals: plans.goals.length, jobs: plans.jobs.length, plans, runningTerminals });
const goal = (n: number, title: string) => ({ id: `goal_${String(n).padStart(16, "0")}`, title }) as WorkspacePlans["goals"][number];
const job = (n: number, name: string) => ({ id: `job_${String(n).padStart(16, "0")}`, name }) as WorkspacePlans["jobs"][number];
const conversation = (id: string, sessionId: string, title: string, status: Conversation["status"]) => ({ id, sessionId, title, status }) as unknown as Conversation;

isolateDomTests();
afterEach(() => {
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {} });
  useUiStore.getState().showNotice(null);
});

describe("RemoveWorkspaceDialog", () => {
  it("names the worktree sessions to delete before its history, one tap each, and offers no Delete the server refuses (it said so only after the click)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ sessions: 2, conversations: 2 }))));
    // A job run's: its time on the viewer's clock, as every other list names it, not the job's (Tokyo's).
    const started = Date.UTC(2026, 11, 7, 0, 33);
    const tree = { ...session("ses_tree00000001", WORKSPACE.id), kind: "worktree", name: "lupus", title: `Job: Check files · ${runTitleTime(started, "Asia/Tokyo")}`, jobId: "job_tree00000001", createdAt: started } as Session;
    const viewerTime = new Date(started).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
    const folder = { ...session("ses_folder000001", WORKSPACE.id), kind: "folder", name: "plain", title: null } as unknown as Session;
    useConversationsStore.setState({ sessions: { [tree.id]: tree, [folder.id]: folder } });
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    const remove = await screen.findByRole("button", { name: "Remove, keep history" });
    expect(remove.hasAttribute("disabled")).toBe(false); // keeping the history needs nothing deleted first
    fireEvent.click(screen.getByRole("checkbox", { name: /Also delete its history for good/ }));
    expect(screen.getByRole("alert").textContent).toContain("Delete its 1 worktree session first: each has a folder of its own that would be left behind.");
    expect(screen.getByRole("link", { name: `Job: Check files · ${viewerTime} · lupus` }).getAttribute("href")).toBe(`#/s/${tree.id}`);
    expect(screen.queryByRole("link", { name: /plain/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Delete 2 conversations" }).hasAttribute("disabled")).toBe(true);
  });

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

  it("names its goals and jobs (a long list folds), deletes them only once confirmed too, and sends what was confirmed", async () => {
    const plans = { goals: [goal(1, "Keep the docs current")], jobs: [1, 2, 3, 4, 5, 6].map((n) => job(n, `Nightly pass ${n}`)) };
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => jsonResponse(String(url).endsWith("/history") ? owns({ sessions: 1, conversations: 2 }, 0, plans) : { ok: true }));
    vi.stubGlobal("fetch", fetch);
    const onDone = vi.fn();
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={onDone} />);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Also delete its history for good (2 conversations, 1 goal and 6 jobs)" }));
    const list = screen.getByRole("region", { name: "Goals and jobs deleted with it" });
    expect(list.textContent).toContain("GoalKeep the docs current");
    expect(list.textContent).toContain("JobNightly pass 4");
    // The sixth and seventh fold under "2 more" (still in the page, behind the summary).
    expect(screen.getByText("2 more").closest("details")?.textContent).toContain("Nightly pass 6");
    expect(screen.getByText("This cannot be undone: it deletes 2 conversations and their search entries, and 1 goal and 6 jobs with their run history.")).toBeTruthy();
    const remove = screen.getByRole<HTMLButtonElement>("button", { name: "Delete 2 conversations, 1 goal and 6 jobs" });
    expect(remove.disabled).toBe(true);

    fireEvent.click(screen.getByRole("checkbox", { name: "Also delete the 1 goal and 6 jobs listed above" }));
    expect(remove.disabled).toBe(false);
    fireEvent.click(remove);
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    const sent = fetch.mock.calls.find(([url]) => String(url).endsWith("/delete-history"))?.[1]?.body;
    expect(JSON.parse(String(sent))).toEqual({ conversations: 2, goalIds: [plans.goals[0]!.id], jobIds: plans.jobs.map((j) => j.id) });
  });

  it("after the server refuses changed goals and jobs, shows the new list and asks to confirm it again", async () => {
    let plans: WorkspacePlans = { goals: [], jobs: [job(1, "Nightly")] };
    const fetch = vi.fn(async (url: string) => {
      if (String(url).endsWith("/history")) return jsonResponse(owns({ sessions: 1, conversations: 1 }, 0, plans));
      plans = { goals: [], jobs: [job(1, "Nightly"), job(2, "Weekly triage")] };
      return jsonResponse({ error: { code: "conflict", message: "The workspace's goals and jobs changed since you confirmed (it now also has the job “Weekly triage”); nothing was deleted." } }, 409);
    });
    vi.stubGlobal("fetch", fetch);
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} isDeletingHistory onClose={() => undefined} onDone={() => undefined} />);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Also delete the 1 job listed above" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete 1 conversation, 1 job" }));
    await screen.findByText(/it now also has the job “Weekly triage”/);
    const again = await screen.findByRole<HTMLInputElement>("checkbox", { name: "Also delete the 2 jobs listed above" });
    expect(again.checked).toBe(false);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Delete 1 conversation, 2 jobs" }).disabled).toBe(true);
  });

  it("keeps a workspace that owns only jobs by default, and offers to delete them with it by name, not as '0 conversations'", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(owns({ mcpServers: 1 }, 0, { goals: [], jobs: [job(1, "Nightly"), job(2, "Weekly")] }))));
    render(<RemoveWorkspaceDialog workspace={WORKSPACE} onClose={() => undefined} onDone={() => undefined} />);
    await screen.findByText("2 jobs and 1 MCP server are kept; restore the workspace from “Removed workspaces” (or add the folder again) to use them again.");
    expect(screen.getByRole("button", { name: "Remove, keep history" })).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "Also delete its history for good (2 jobs)" }));
    expect(screen.queryByText(/0 conversations/)).toBeNull();
    expect(screen.getByText("This cannot be undone: it deletes 2 jobs with their run history.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Delete 2 jobs" }).disabled).toBe(true);
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

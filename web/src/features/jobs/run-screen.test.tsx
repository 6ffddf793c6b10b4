// @vitest-environment jsdom
import { act, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { RUN_BUDGET_STOP_PREFIX, RUN_TURN_BUDGET_STOP_PREFIX, type Conversation, type Job, type Run, type Session } from "../../../../shared/index.ts";
import { useJobEditStore } from "../../stores/job-edit-store.ts";
import { useWorkspaceEditStore } from "../../stores/workspace-edit-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { routeHref, useNavStore } from "../../stores/nav-store.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { RunScreen } from "./run-screen.tsx";

const SESSION = { id: "ses_runscreen0001", workspaceId: "wsp_runscreen0001", name: "draco", title: "Job: Fake job", kind: "worktree", archivedAt: null } as unknown as Session;
const CONVERSATION = { id: "cnv_runscreen0001", sessionId: SESSION.id, title: "Fake job", status: "idle", lastSeq: 3, closedAt: null, updatedAt: 1 } as unknown as Conversation;
const RUN = {
  id: "run_runscreen0001", jobId: "job_runscreen0001", goalId: null, workspaceId: SESSION.workspaceId, jobName: "Fake job", trigger: "manual", scheduledFor: 1, priority: "normal", retries: 0,
  status: "succeeded", sessionId: SESSION.id, conversationId: CONVERSATION.id, queuedAt: 1_000, notBefore: null, startedAt: 1_000, endedAt: 3_000, deadlineAt: null, interruptedAt: null,
  error: null, summary: "The run answered hello.", costUsd: 0.0562, previousRunId: null, isResumable: false,
} as unknown as Run;

let requests: string[] = [];
beforeEach(() => {
  requests = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    requests.push(String(url));
    if (String(url).startsWith(`/api/runs/${RUN.id}`)) return jsonResponse({ run: RUN, logs: [{ at: 2_000, level: "info", text: `Started in session ${SESSION.id}.` }] });
    if (String(url).includes("/history")) return jsonResponse({ page: { conversationId: CONVERSATION.id, events: [], lastSeq: 0, hasMore: false } });
    return jsonResponse({ error: { code: "not_found", message: "No such thing." } }, 404);
  }));
  useJobsStore.setState({ runs: { [RUN.id]: RUN }, isLoaded: true });
});
isolateDomTests();

/** The run's ways to another screen are links (ADR 0268); what acts is a button. */
const LINKS = new Set(["Open session", "Open full timeline"]);
const roleOf = (name: string) => (LINKS.has(name) ? "link" : "button");

describe("RunScreen", () => {
  it("says plainly that the run's session was deleted and offers nothing that needs it; the run's facts stay", async () => {
    useConversationsStore.setState({ sessions: {}, conversations: {}, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByTestId("run-session-gone").textContent).toMatch(/^This run's session was deleted, and with it the run's conversation and its changes\./);
    for (const name of ["Open session", "Open a pull request", "Write the summary again", "Open full timeline"]) expect(screen.queryByRole(roleOf(name), { name })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull(); // no "Conversation … does not exist." in red
    expect(requests.some((url) => url.includes("/history"))).toBe(false);
    // What ChatML stored about the run is all still there.
    const run = screen.getByRole("region", { name: "Run" });
    expect(within(run).getByText("Succeeded")).toBeTruthy();
    expect(screen.getByTestId("run-cost").textContent).toBe("$0.06");
    expect(screen.getByText("The run answered hello.")).toBeTruthy();
  });

  it("asks for the run's conversation only once the lists have loaded and hold it, never for one deleted before they came", async () => {
    useConversationsStore.setState({ sessions: {}, conversations: {}, isLoaded: false, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(requests.some((url) => url.includes("/history"))).toBe(false);
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true });
    await screen.findByRole("link", { name: "Open full timeline" });
    expect(requests.filter((url) => url.includes("/history"))).toHaveLength(1);
  });

  it("offers the session, the pull request, a new summary and the timeline while the session exists", async () => {
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    for (const name of ["Open session", "Open a pull request", "Write the summary again", "Open full timeline"]) expect(screen.getByRole(roleOf(name), { name })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open session" }).getAttribute("href")).toBe(routeHref({ view: "session", id: SESSION.id }));
    expect(screen.getByRole("link", { name: "Open full timeline" }).getAttribute("href")).toBe(routeHref({ view: "conversation", id: CONVERSATION.id, messageId: null }));
    expect(screen.queryByTestId("run-session-gone")).toBeNull();
  });

  it("says there is nothing for a pull request when the run's branch holds no commits and no changes, and offers it once it does", async () => {
    const git = { branch: "chatml/draco", headSha: "abc", headSubject: null, ahead: 0, behind: 0, files: [], checkedAt: 1, operation: null, conflicts: [], resolvedConflicts: [], upstream: null, hasOrigin: true, mergedPullRequest: null };
    useConversationsStore.setState({ sessions: { [SESSION.id]: { ...SESSION, git } }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.queryByRole("button", { name: "Open a pull request" })).toBeNull();
    expect(screen.getByText("No pull request to open: the run left no commits and no changes on its branch.")).toBeTruthy();
    act(() => useConversationsStore.setState((s) => ({ sessions: { [SESSION.id]: { ...s.sessions[SESSION.id]!, git: { ...git, ahead: 1 } } } })));
    expect(screen.getByRole("button", { name: "Open a pull request" })).toBeTruthy();
    expect(screen.queryByText(/^No pull request to open/)).toBeNull();
  });

  it("keeps the session but drops the timeline and the new summary when only the run's conversation was deleted", async () => {
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByTestId("run-session-gone").textContent).toMatch(/^This run's conversation was deleted\./);
    expect(screen.getByRole("link", { name: "Open session" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Open full timeline" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Write the summary again" })).toBeNull();
  });

  it("counts nothing as deleted before the lists have loaded", async () => {
    useConversationsStore.setState({ sessions: {}, conversations: {}, isLoaded: false, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.queryByTestId("run-session-gone")).toBeNull();
    expect(screen.getByRole("link", { name: "Open session" })).toBeTruthy();
  });

  it("says what a waiting run waits for and opens its conversation to answer it", async () => {
    const waiting = { ...RUN, status: "waiting", endedAt: null, summary: null } as Run;
    useJobsStore.setState({ runs: { [RUN.id]: waiting } });
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: { ...CONVERSATION, status: "waiting", statusReason: "Asks to use Write" } }, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByText("Asks to use Write: answer in the run's conversation, and the run goes on.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Answer in the conversation" }).getAttribute("href")).toBe(`#/c/${CONVERSATION.id}`);
    act(() => screen.getByRole("link", { name: "Answer in the conversation" }).click());
    expect(useNavStore.getState().hash).toBe(`#/c/${CONVERSATION.id}`);
  });

  it("says a running run is only last known to run while the connection is lost, and running again once it opens; an ended one as it was", async () => {
    const running = { ...RUN, status: "running", endedAt: null, summary: null } as Run;
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ run: running, logs: [{ at: 2_000, level: "info", text: "Started." }] })));
    useJobsStore.setState({ runs: { [RUN.id]: running } });
    act(() => useConnectionStore.getState().setSocket("open", null));
    const { unmount } = render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByTestId("run-status").textContent).toBe("Running");
    expect(screen.getByTestId("run-duration").textContent).toBe("still running");

    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    expect(screen.getByTestId("run-status").textContent).toBe("Last known: running");
    expect(screen.getByTestId("run-duration").textContent).toBe("Last known: still running");

    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(screen.getByTestId("run-status").textContent).toBe("Running");
    unmount();

    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    useJobsStore.setState({ runs: { [RUN.id]: RUN } });
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ run: RUN, logs: [{ at: 2_000, level: "info", text: "Started." }] })));
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByTestId("run-status").textContent).toBe("Succeeded");
  });

  it("says what a queued run waits for: the job's run under way, one tap away", async () => {
    const running = { ...RUN, id: "run_runscreen0002", status: "waiting", endedAt: null, summary: null, startedAt: 500 } as Run;
    const queued = { ...RUN, status: "queued", startedAt: null, endedAt: null, summary: null } as Run;
    useJobsStore.setState({ runs: { [RUN.id]: queued, [running.id]: running } });
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByText(/^It starts when the run of this job waiting for you since .+ ends\.$/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open the running run" }).getAttribute("href")).toBe(`#/r/${running.id}`);
    act(() => screen.getByRole("link", { name: "Open the running run" }).click());
    expect(useNavStore.getState().hash).toBe(`#/r/${running.id}`);
  });

  it("says a queued run waits for the pool when other jobs' runs take every slot, naming the setting (it said only 'Queued')", async () => {
    const others = ["run_runscreen0003", "run_runscreen0004"].map((id, i) => ({ ...RUN, id, jobId: `job_runscreen000${i + 2}`, status: "running", endedAt: null, summary: null }) as Run);
    const queued = { ...RUN, status: "queued", startedAt: null, endedAt: null, summary: null } as Run;
    useJobsStore.setState({ runs: { [RUN.id]: queued, [others[0]!.id]: others[0]!, [others[1]!.id]: others[1]! } });
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true, loadError: null });
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      if (String(url).endsWith("/api/settings")) return jsonResponse({ settings: { jobConcurrency: 2 } });
      if (String(url).startsWith(`/api/runs/${RUN.id}`)) return jsonResponse({ run: queued, logs: [] });
      return jsonResponse({ page: { conversationId: CONVERSATION.id, events: [], lastSeq: 0, hasMore: false } });
    }));
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("2 runs of other jobs are under way and ChatML runs 2 job runs at a time (Settings › Job runs at once): it starts when one of them ends.");
    expect(screen.getByRole("link", { name: "See the runs under way" }).getAttribute("href")).toBe("#/jobs");
  });
  it("links a failed run to the corrective run that took over from it, as that run links back (its log named it only)", async () => {
    const failed = { ...RUN, status: "failed", error: "API Error: 400" } as Run;
    const corrective = { ...RUN, id: "run_runscreen0005", trigger: "corrective", previousRunId: RUN.id } as Run;
    useJobsStore.setState({ runs: { [RUN.id]: failed, [corrective.id]: corrective } });
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true, loadError: null });
    render(<RunScreen id={RUN.id} />);
    await screen.findByText("Scheduler log");
    expect(screen.getByRole("link", { name: "Corrective run" }).getAttribute("href")).toBe(`#/r/${corrective.id}`);
    expect(screen.queryByRole("link", { name: "Previous run" })).toBeNull();
  });

  it("links a run its budget stopped to where that budget is raised (it said only 'Stopped by its budget')", () => {
    useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION }, isLoaded: true, loadError: null });
    const job = { id: RUN.jobId, workspaceId: SESSION.workspaceId, goalId: null, maxTurns: 2 } as unknown as Job;
    const stopped = (error: string, saved: Job) => useJobsStore.setState({ jobs: { [saved.id]: saved }, runs: { [RUN.id]: { ...RUN, status: "failed", error } }, isLoaded: true });
    stopped(`${RUN_BUDGET_STOP_PREFIX}the cost budget of $0.05 is used up ($0.06 spent).`, job);
    const { unmount } = render(<RunScreen id={RUN.id} />);
    act(() => screen.getByRole("link", { name: "Raise the job's budget" }).click());
    expect(useJobEditStore.getState()).toMatchObject({ jobId: job.id, field: "cost" });
    expect(useNavStore.getState().hash).toBe(routeHref({ view: "jobs" }));
    unmount();

    stopped(`${RUN_TURN_BUDGET_STOP_PREFIX}2 model turns is used up (2 taken).`, job);
    const turns = render(<RunScreen id={RUN.id} />);
    act(() => screen.getByRole("link", { name: "Raise the job's turn budget" }).click());
    expect(useJobEditStore.getState()).toMatchObject({ jobId: job.id, field: "turns" });
    turns.unmount();

    // The job sets no turn budget: the run took its workspace's default, raised in the workspace's settings.
    stopped(`${RUN_TURN_BUDGET_STOP_PREFIX}2 model turns is used up (2 taken).`, { ...job, maxTurns: null });
    render(<RunScreen id={RUN.id} />);
    expect(screen.getByRole("link", { name: "Raise the workspace's turn budget" }).getAttribute("href")).toBe(routeHref({ view: "workspace", id: SESSION.workspaceId }));
    act(() => screen.getByRole("link", { name: "Raise the workspace's turn budget" }).click());
    expect(useWorkspaceEditStore.getState().workspaceId).toBe(SESSION.workspaceId);
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Goal, Job, Run, Workspace } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useJobsViewStore } from "../../stores/jobs-view-store.ts";
import { JobsScreen } from "./jobs-screen.tsx";

const JOB = {
  id: "job_screen000001", workspaceId: "wsp_screen000001", goalId: null, name: "Kept", prompt: "Say hello", mode: "worktree", sessionId: null, baseBranch: null, model: null,
  permissionMode: "default", maxBudgetUsd: null, schedule: { kind: "interval", every: 1, unit: "days" }, missedPolicy: "run_once", priority: "normal", timeoutMinutes: 30,
  maxRetries: 3, isCorrectiveEnabled: true, isEnabled: true, pausedReason: null, nextFireAt: null, lastFireAt: null, createdAt: 1, updatedAt: 1,
} as unknown as Job;
const run = (id: string, jobId: string, jobName: string, status: Run["status"], error: string | null) =>
  ({
    id, jobId, goalId: null, workspaceId: JOB.workspaceId, jobName, trigger: "manual", scheduledFor: 1, priority: "normal", retries: 0, status, sessionId: null, conversationId: null,
    queuedAt: 1, notBefore: null, startedAt: 1, endedAt: 2, deadlineAt: null, interruptedAt: null, error, summary: null, costUsd: null, previousRunId: null, isResumable: false,
  }) as unknown as Run;

beforeEach(() => {
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ description: "every day", nextFireTimes: [] })));
  useJobsViewStore.setState({ scrollTop: 0, histories: {} });
});
isolateDomTests();

describe("JobsScreen", () => {
  it("lists each goal as a link to its screen (a new tab, a copied link)", () => {
    const goal = { id: "gol_screen000001", workspaceId: JOB.workspaceId, title: "Tidy the repository", status: "active", plan: { status: "approved" }, updatedAt: 1 } as unknown as Goal;
    useJobsStore.setState({ goals: { [goal.id]: goal }, jobs: {}, runs: {}, isLoaded: true });
    render(<JobsScreen />);
    const link = within(screen.getByRole("region", { name: "Goals" })).getByRole("link", { name: /^Tidy the repository/ });
    expect(link.getAttribute("href")).toBe(`#/g/${goal.id}`);
  });

  it("keeps the history of a deleted job in view, as deleting it promised (it vanished with the job's card)", () => {
    const kept = run("run_screen000001", JOB.id, "Kept", "succeeded", null);
    const gone = run("run_screen000002", "job_screen000002", "Nightly deps", "failed", "API error 400: Bad request");
    useJobsStore.setState({ goals: {}, jobs: { [JOB.id]: JOB }, runs: { [kept.id]: kept, [gone.id]: gone }, isLoaded: true });
    render(<JobsScreen />);
    const section = screen.getByRole("region", { name: "Runs of deleted jobs" });
    const card = within(section).getByRole("article", { name: "Deleted job Nightly deps" });
    expect(within(card).getAllByTestId("run-row").map((row) => row.dataset.status)).toEqual(["failed"]);
    expect(card.textContent).toContain("API error 400: Bad request");
    expect(within(section).queryByRole("article", { name: /Kept/ })).toBeNull();
  });

  it("is scrolled where it was left when it comes back (a run opened from far down a history, then the back button)", () => {
    useJobsStore.setState({ goals: {}, jobs: { [JOB.id]: JOB }, runs: {}, isLoaded: true });
    render(<JobsScreen />);
    const main = screen.getByRole("main");
    main.scrollTop = 640;
    fireEvent.scroll(main);
    cleanup();
    render(<JobsScreen />);
    expect(screen.getByRole("main").scrollTop).toBe(640);
  });

  it("shows neither jobs nor 'No jobs yet' until the lists are read (a phone said 'No jobs yet', then showed 25)", () => {
    useJobsStore.setState({ goals: {}, jobs: { [JOB.id]: JOB }, runs: {}, isLoaded: false, loadError: null });
    render(<JobsScreen />);
    expect(screen.getAllByRole("status").map((note) => note.textContent)).toEqual(["Loading goals…", "Loading jobs…"]);
    expect(screen.queryByText(/No (jobs|goals) yet/)).toBeNull();
    expect(screen.queryByRole("article", { name: "Job Kept" })).toBeNull();
    act(() => useJobsStore.setState({ isLoaded: true }));
    expect(screen.getByRole("article", { name: "Job Kept" })).toBeTruthy();
    expect(screen.getByText("No goals yet.")).toBeTruthy();
  });

  it("says the lists could not be read rather than 'No jobs yet'", () => {
    useJobsStore.setState({ goals: {}, jobs: {}, runs: {}, isLoaded: true, loadError: "Failed to fetch" });
    render(<JobsScreen />);
    expect(screen.getByText("Could not load jobs: Failed to fetch")).toBeTruthy();
    expect(screen.queryByText(/No (jobs|goals) yet/)).toBeNull();
  });

  it("offers New job only while a repository is there to run it in (a removed one's form had none to pick)", () => {
    useJobsStore.setState({ goals: {}, jobs: {}, runs: {}, isLoaded: true, loadError: null });
    useConversationsStore.setState({ workspaces: { [JOB.workspaceId]: { id: JOB.workspaceId, name: "old", archivedAt: 1 } as unknown as Workspace } });
    render(<JobsScreen />);
    expect(screen.queryByRole("button", { name: "New job" })).toBeNull();
    act(() => useConversationsStore.setState({ workspaces: { [JOB.workspaceId]: { id: JOB.workspaceId, name: "old", archivedAt: null } as unknown as Workspace } }));
    expect(screen.getByRole("button", { name: "New job" })).toBeTruthy();
  });

  it("gives the keyboard to the next job's card when a job is deleted, else the previous one's, else New job (it fell to the page)", async () => {
    const second = { ...JOB, id: "job_screen000002", name: "Second", createdAt: 2 } as Job;
    const third = { ...JOB, id: "job_screen000003", name: "Third", createdAt: 3 } as Job;
    useConversationsStore.setState({ workspaces: { [JOB.workspaceId]: { id: JOB.workspaceId, name: "repo", archivedAt: null } as unknown as Workspace } });
    useJobsStore.setState({ goals: {}, jobs: { [JOB.id]: JOB, [second.id]: second, [third.id]: third }, runs: {}, isLoaded: true });
    let answer: () => void = () => undefined;
    vi.stubGlobal("fetch", vi.fn((input: RequestInfo | URL) => String(input).includes("/schedule-preview") ? Promise.resolve(jsonResponse({ description: "every day", nextFireTimes: [] })) : new Promise<Response>((resolve) => (answer = () => resolve(jsonResponse({ ok: true }))))));
    render(<JobsScreen />);
    const remove = async (name: string, isSocketFirst = false) => {
      const card = screen.getByRole("article", { name: `Job ${name}` });
      fireEvent.click(within(card).getByRole("button", { name: "Delete" }));
      fireEvent.click(within(card).getByRole("button", { name: "Delete job" }));
      const id = Object.values(useJobsStore.getState().jobs).find((job) => job.name === name)!.id;
      if (isSocketFirst) act(() => useJobsStore.getState().apply({ kind: "removed", entity: "job", id }));
      act(() => answer());
      await waitFor(() => expect(screen.queryByRole("article", { name: `Job ${name}` })).toBeNull());
      await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    };
    // The socket's news of the deletion took the card away before the answer came.
    await remove("Second", true);
    expect(document.activeElement).toBe(within(screen.getByRole("article", { name: "Job Third" })).getByRole("button", { name: "Run now" }));
    await remove("Third");
    expect(document.activeElement).toBe(within(screen.getByRole("article", { name: "Job Kept" })).getByRole("button", { name: "Run now" }));
    await remove("Kept");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "New job" }));
  });
});

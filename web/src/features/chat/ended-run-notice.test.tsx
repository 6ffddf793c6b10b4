// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, expect, it, vi } from "vitest";
import { RUN_BUDGET_STOP_PREFIX, RUN_TURN_BUDGET_STOP_PREFIX, type Conversation, type ConversationId, type Job, type Run, type Workspace } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { JobCard } from "../jobs/job-card.tsx";
import { WorkspaceScreen } from "../workspaces/workspace-screen.tsx";
import { EndedRunNotice } from "./ended-run-notice.tsx";

isolateDomTests();

const CONVERSATION_ID = "cnv_budgetstop001" as ConversationId;
const JOB = {
  id: "job_budgetstop001", workspaceId: "wsp_budgetstop001", goalId: null, name: "Nightly tidy", prompt: "Tidy", mode: "worktree", sessionId: null, baseBranch: null, model: null,
  permissionMode: "default", maxBudgetUsd: 0.05, schedule: { kind: "cron", expression: "0 3 * * *", timezone: "UTC" }, missedPolicy: "run_once", priority: "normal", timeoutMinutes: 30,
  maxRetries: 3, isCorrectiveEnabled: true, isEnabled: true, pausedReason: null, nextFireAt: 10, lastFireAt: null, createdAt: 1, updatedAt: 1,
} as unknown as Job;
const run = (error: string | null) => ({ id: "run_budgetstop001", jobId: JOB.id, jobName: JOB.name, conversationId: CONVERSATION_ID, status: error ? "failed" : "succeeded", endedAt: 5, error }) as unknown as Run;

// jsdom lays nothing out and has no scrollIntoView: the spy records which element the form brings into view.
const scrolledInto: Element[] = [];

beforeEach(() => {
  scrolledInto.length = 0;
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolledInto.push(this);
  };
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ description: "every day at 03:00", nextFireTimes: [] })));
  history.replaceState(null, "", `/#/c/${CONVERSATION_ID}`);
  useNavStore.getState().sync();
  useConversationsStore.setState({ conversations: { [CONVERSATION_ID]: { id: CONVERSATION_ID, jobId: JOB.id } as unknown as Conversation }, workspaces: {}, sessions: {}, isLoaded: true });
});

it("sends a run its budget stopped to the job's budget, opened in the job's form, since the job's budget is the run's", async () => {
  useJobsStore.setState({ jobs: { [JOB.id]: JOB }, runs: { r: run(`${RUN_BUDGET_STOP_PREFIX}the cost budget of $0.05 is used up ($0.06 spent).`) }, runTotals: {}, isLoaded: true });
  const { unmount } = render(<EndedRunNotice conversationId={CONVERSATION_ID} />);
  const notice = screen.getByRole("status", { name: "The run has ended" });
  expect(notice.textContent).toContain("Its budget stopped it: a run's budget is its job's.");
  expect(notice.textContent).not.toContain("Session controls");
  act(() => fireEvent.click(screen.getByRole("button", { name: "Edit the job's budget" })));
  expect(useNavStore.getState().hash).toBe("#/jobs");
  unmount();

  // The jobs screen draws the job's card: it opens as the job's form, at its budget.
  render(<JobCard job={JOB} />);
  const form = await screen.findByRole("form", { name: "Edit job Nightly tidy" });
  const budget = screen.getByRole("textbox", { name: /Budget \(USD\)/ }) as HTMLInputElement;
  expect(form.contains(budget)).toBe(true);
  expect(budget.value).toBe("0.05");
  await waitFor(() => expect(document.activeElement).toBe(budget));
  expect(scrolledInto).toEqual([budget]);
});

it("offers no budget link when the run ended otherwise", () => {
  useJobsStore.setState({ jobs: { [JOB.id]: JOB }, runs: { r: run(null) }, runTotals: {}, isLoaded: true });
  render(<EndedRunNotice conversationId={CONVERSATION_ID} />);
  screen.getByRole("button", { name: "Run again" });
  expect(screen.queryByRole("button", { name: "Edit the job's budget" })).toBeNull();
});

it("sends a run its turn budget stopped to its workspace's default turn budget, since a run takes the workspace's", async () => {
  const workspace = { id: JOB.workspaceId, name: "tidy-repo", path: "/repos/tidy", archivedAt: null, problem: null, defaultBranch: "main", branchPrefixMode: "none", branchPrefix: "", setupScript: null, copyFiles: [], envSets: {} } as unknown as Workspace;
  useConversationsStore.setState({ workspaces: { [JOB.workspaceId]: workspace } });
  vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).endsWith("/budget") ? { limits: { maxCostUsd: null, maxTurns: 2, maxThinkingTokens: null } } : {})));
  useJobsStore.setState({ jobs: { [JOB.id]: JOB }, runs: { r: run(`${RUN_TURN_BUDGET_STOP_PREFIX}2 model turns is used up (3 taken).`) }, runTotals: {}, isLoaded: true });
  const { unmount } = render(<EndedRunNotice conversationId={CONVERSATION_ID} />);
  const notice = screen.getByRole("status", { name: "The run has ended" });
  expect(notice.textContent).toContain("Its turn budget stopped it: a run's turn budget is its workspace's default.");
  expect(screen.queryByRole("button", { name: "Edit the job's budget" })).toBeNull();
  act(() => fireEvent.click(screen.getByRole("button", { name: "Edit the workspace's turn budget" })));
  expect(useNavStore.getState().hash).toBe(`#/w/${JOB.workspaceId}`);
  unmount();

  // The workspace's screen opens its settings at the default turn budget, with the cursor in it.
  render(<WorkspaceScreen id={JOB.workspaceId} />);
  const turns = (await screen.findByRole("textbox", { name: "Default turn budget" })) as HTMLInputElement;
  expect(turns.value).toBe("2");
  await waitFor(() => expect(document.activeElement).toBe(turns));
  expect(scrolledInto).toContain(turns);
});

it("sends a run its job's own turn budget stopped to that budget, opened in the job's form, since the job's is the run's (ADR 0165)", async () => {
  const job = { ...JOB, maxTurns: 2 } as Job;
  useJobsStore.setState({ jobs: { [JOB.id]: job }, runs: { r: run(`${RUN_TURN_BUDGET_STOP_PREFIX}2 model turns is used up (3 taken).`) }, runTotals: {}, isLoaded: true });
  const { unmount } = render(<EndedRunNotice conversationId={CONVERSATION_ID} />);
  const notice = screen.getByRole("status", { name: "The run has ended" });
  expect(notice.textContent).toContain("Its turn budget stopped it: a run's turn budget is its job's.");
  expect(screen.queryByRole("button", { name: "Edit the workspace's turn budget" })).toBeNull();
  act(() => fireEvent.click(screen.getByRole("button", { name: "Edit the job's turn budget" })));
  expect(useNavStore.getState().hash).toBe("#/jobs");
  unmount();

  render(<JobCard job={job} />);
  const form = await screen.findByRole("form", { name: "Edit job Nightly tidy" });
  const turns = screen.getByRole("textbox", { name: /Turn budget/ }) as HTMLInputElement;
  expect(form.contains(turns)).toBe(true);
  expect(turns.value).toBe("2");
  await waitFor(() => expect(document.activeElement).toBe(turns));
  expect(scrolledInto).toEqual([turns]);
});

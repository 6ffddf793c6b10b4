// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import type { Conversation, Run, Session } from "../../../../shared/index.ts";
import { runTitleTime } from "../../../../shared/run-title.ts";
import { DOT } from "../../lib/dot-join.ts";
import { AttentionQueue } from "./attention-queue.tsx";

beforeEach(() => {
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: false, loadError: null });
  useJobsStore.setState({ goals: {}, jobs: {}, runs: {}, isLoaded: false, loadError: null });
});
isolateDomTests();

/** A time as the viewer reads it (this test's zone and locale). */
const viewerTime = (at: number) => new Date(at).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });

describe("AttentionQueue", () => {
  it("says nothing waits only once both lists are read (it said so while a prompt waiting for you was still loading)", () => {
    render(<AttentionQueue />);
    expect(screen.getByRole("status").textContent).toBe("Loading…");
    expect(screen.queryByText("Nothing is waiting for you.")).toBeNull();
    act(() => useConversationsStore.setState({ isLoaded: true }));
    expect(screen.queryByText("Nothing is waiting for you.")).toBeNull();
    act(() => useJobsStore.setState({ isLoaded: true }));
    expect(screen.getByText("Nothing is waiting for you.")).toBeTruthy();
  });

  it("says a list that could not be read, not that nothing waits", () => {
    useJobsStore.setState({ loadError: "HTTP 503" });
    render(<AttentionQueue />);
    expect(screen.getByRole("alert").textContent).toBe("Could not load what needs you: HTTP 503");
    expect(screen.queryByText("Nothing is waiting for you.")).toBeNull();
  });

  it("says what waits or runs is only last known while the connection is lost, dots still; a failure as it was; live again once it opens", () => {
    const running = { id: "cnv_attn00000001", sessionId: "ses_attn00000001", title: "Refactor", status: "running", statusReason: null, closedAt: null, updatedAt: 2 } as unknown as Conversation;
    const failed = { id: "cnv_attn00000002", sessionId: "ses_attn00000001", title: "Tests", status: "exited", statusReason: "CLI crashed", closedAt: null, updatedAt: 1 } as unknown as Conversation;
    const run = { id: "run_attn00000001", jobId: "job_attn00000001", jobName: "Nightly", status: "waiting", queuedAt: 3, startedAt: 3, endedAt: null, conversationId: null, sessionId: null, goalId: null } as unknown as Run;
    useConversationsStore.setState({ conversations: { [running.id]: running, [failed.id]: failed }, isLoaded: true });
    useJobsStore.setState({ runs: { [run.id]: run }, isLoaded: true });
    const NIGHTLY = `Job: Nightly · ${viewerTime(3)}`;
    act(() => useConnectionStore.getState().setSocket("open", null));
    render(<AttentionQueue />);
    const lines = () => screen.getAllByTestId("attention-item").map((item) => item.textContent);
    expect(lines()).toEqual([`${NIGHTLY}Waiting for you`, "TestsFailed: CLI crashed", "RefactorRunning"]);
    // Each is a link to where it is seen to (a new tab, a copied link): a run without a goal to Jobs.
    expect(screen.getAllByTestId("attention-item").map((item) => [item.tagName, item.getAttribute("href")])).toEqual([["A", "#/jobs"], ["A", `#/c/${failed.id}`], ["A", `#/c/${running.id}`]]);
    expect(document.querySelector(".animate-pulse")).not.toBeNull();

    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    expect(lines()).toEqual([`${NIGHTLY}Last known: waiting for you`, "TestsFailed: CLI crashed", "RefactorLast known: running"]);
    expect(document.querySelector(".animate-pulse")).toBeNull();

    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(lines()).toEqual([`${NIGHTLY}Waiting for you`, "TestsFailed: CLI crashed", "RefactorRunning"]);
  });

  it("says nothing was waiting when the connection was lost, not that nothing waits", () => {
    useConversationsStore.setState({ isLoaded: true });
    useJobsStore.setState({ isLoaded: true });
    act(() => {
      useConnectionStore.getState().setSocket("open", null);
      useConnectionStore.getState().setSocket("closed", "server gone");
    });
    render(<AttentionQueue />);
    expect(screen.getByText("Nothing was waiting for you when the connection was lost.")).toBeTruthy();
    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(screen.getByText("Nothing is waiting for you.")).toBeTruthy();
  });

  it("names runs, their conversations and sessions at the run's own time on the viewer's clock, not the job's", () => {
    const started = Date.UTC(2026, 11, 7, 0, 33);
    const tokyo = runTitleTime(started, "Asia/Tokyo");
    expect(tokyo).not.toBe(viewerTime(started));
    // A failed run of one job; a run of another that succeeded, whose conversation the user went on with and now waits.
    const failed = { id: "run_attn00000002", jobId: "job_attn00000002", jobName: "Check", status: "failed", error: "exit 1", queuedAt: started - 60_000, startedAt: started, endedAt: started + 90_000_000, conversationId: null, sessionId: null, goalId: null } as unknown as Run;
    const session = { id: "ses_attn00000002", jobId: "job_attn00000003", title: `Job: Tidy · ${tokyo}`, name: "lupus", createdAt: started, archivedAt: null, problem: null, setup: null, updatedAt: 1 } as unknown as Session;
    const waiting = { id: "cnv_attn00000003", sessionId: session.id, jobId: "job_attn00000003", title: `Tidy · ${tokyo}`, createdAt: started, status: "waiting", statusReason: "Allow Bash?", closedAt: null, updatedAt: started + 90_000_000 } as unknown as Conversation;
    useConversationsStore.setState({ sessions: { [session.id]: session }, conversations: { [waiting.id]: waiting }, isLoaded: true });
    useJobsStore.setState({ runs: { [failed.id]: failed }, jobs: { [failed.jobId]: { id: failed.jobId } as never }, isLoaded: true });
    render(<AttentionQueue />);
    const lines = screen.getAllByTestId("attention-item").map((item) => item.textContent);
    expect(lines).toEqual([`Tidy · ${viewerTime(started)}Job: Tidy · ${viewerTime(started)}${DOT}Allow Bash?`, `Job: Check · ${viewerTime(started)}Failed: exit 1`]);
  });
});

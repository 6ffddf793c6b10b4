// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import type { Conversation, Run } from "../../../../shared/index.ts";
import { AttentionQueue } from "./attention-queue.tsx";

beforeEach(() => {
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: false, loadError: null });
  useJobsStore.setState({ goals: {}, jobs: {}, runs: {}, isLoaded: false, loadError: null });
});
isolateDomTests();

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
    act(() => useConnectionStore.getState().setSocket("open", null));
    render(<AttentionQueue />);
    const lines = () => screen.getAllByTestId("attention-item").map((item) => item.textContent);
    expect(lines()).toEqual(["Job: NightlyWaiting for you", "TestsFailed: CLI crashed", "RefactorRunning"]);
    // Each is a link to where it is seen to (a new tab, a copied link): a run without a goal to Jobs.
    expect(screen.getAllByTestId("attention-item").map((item) => [item.tagName, item.getAttribute("href")])).toEqual([["A", "#/jobs"], ["A", `#/c/${failed.id}`], ["A", `#/c/${running.id}`]]);
    expect(document.querySelector(".animate-pulse")).not.toBeNull();

    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    expect(lines()).toEqual(["Job: NightlyLast known: waiting for you", "TestsFailed: CLI crashed", "RefactorLast known: running"]);
    expect(document.querySelector(".animate-pulse")).toBeNull();

    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(lines()).toEqual(["Job: NightlyWaiting for you", "TestsFailed: CLI crashed", "RefactorRunning"]);
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
});

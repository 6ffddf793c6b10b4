// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationId, Job, Run, Session } from "../../../../shared/index.ts";
import { jsonResponse } from "../../test-support/dom-tests.ts";
import type { ProcessExit } from "../../protocol/conversation-view.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { ProcessExitRow, TurnResultRow } from "./timeline-rows.tsx";
import { turnResult as turn } from "../../test-support/turn-result.ts";

afterEach(cleanup);


describe("TurnResultRow", () => {
  it("names an API error by its status, never as '(success)'", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 500, resultText: "API Error: 500 Internal server error" })} />);
    expect(screen.getByTestId("turn-result").textContent).toContain("API error 500");
    expect(screen.getByTestId("turn-result").textContent).not.toContain("(success)");
  });

  it("does not say an error again that the row above already says, and keeps its label", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 500, resultText: "API Error: 500 Internal server error" })} isErrorShown />);
    expect(screen.getByTestId("turn-result").textContent).toContain("API error 500");
    expect(screen.getByTestId("turn-result").textContent).not.toContain("Internal server error");
  });

  it("says why a request too large failed and what gets the conversation going again, not the CLI's 'smaller file'", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 413, resultText: "Request too large (max 32MB). Try with a smaller file." })} />);
    const hint = screen.getByTestId("request-too-large-hint").textContent ?? "";
    expect(hint).toContain("no longer fits in one request to Claude (at most 32 MB)");
    expect(hint).toContain("the images of earlier messages too");
    expect(hint).toMatch(/Send \/compact.*without its images.*Or start a new conversation\./s);
  });

  it("says why a turn ended only when its label does not, in words, and no count of 0 turns", () => {
    // dotJoin keeps each fact whole with no-break spaces.
    const rowText = () => (screen.getByTestId("turn-result").textContent ?? "").replace(/\s/g, " ");
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 500, numTurns: 0, terminalReason: "api_error", resultText: "API Error: 500" })} />);
    expect(rowText()).toBe("API error 500API Error: 500");
    cleanup();
    render(<TurnResultRow turn={turn({ numTurns: 2, durationMs: 1200, terminalReason: "completed" })} />);
    expect(rowText()).toBe("Done · 1.2s · 2 turns");
    cleanup();
    render(<TurnResultRow turn={turn({ isError: true, subtype: "error_max_turns", numTurns: 5, terminalReason: "max_turns" })} />);
    expect(rowText()).toBe("Error: max turns · 5 turns");
    cleanup();
    render(<TurnResultRow turn={turn({ isError: true, subtype: "error_during_execution", terminalReason: "prompt_too_long" })} />);
    expect(rowText()).toBe("Error: during execution · prompt too long");
  });

  it("says a run stopped at the cost budget once, neutrally: ChatML's notice below it says how to go on", () => {
    render(<TurnResultRow turn={turn({ isError: true, subtype: "error_max_budget_usd", numTurns: 1, terminalReason: "budget_exhausted", totalCostUsd: 0.11, errors: ["Reached maximum budget ($0.08)"] })} />);
    const row = screen.getByTestId("turn-result");
    expect(row.textContent?.replace(/\s/g, " ")).toBe("Stopped at the cost budget · $0.11 total · 1 turn");
    expect(row.getAttribute("data-is-error")).toBe("false");
  });

  it("says other error subtypes in words", () => {
    render(<TurnResultRow turn={turn({ isError: true, subtype: "error_max_turns" })} />);
    expect(screen.getByTestId("turn-result").textContent).toContain("Error: max turns");
  });

  it("turns a sign-in failure into the steps that fix it", () => {
    render(<TurnResultRow turn={turn({ isError: true, resultText: "Not logged in · Please run /login" })} />);
    expect(screen.getByTestId("sign-in-hint").textContent).toMatch(/\/login.*ANTHROPIC_API_KEY/s);
  });

  it("shows no hint for other errors", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 529, resultText: "Overloaded" })} />);
    expect(screen.queryByTestId("sign-in-hint")).toBeNull();
  });
});

describe("ProcessExitRow", () => {
  const CONVERSATION = { id: "cnv_exitrow00001", sessionId: "ses_exitrow00001" } as unknown as Conversation;
  const exit: ProcessExit = { code: null, signal: "SIGTERM", reason: "stopped: the session was archived", stderrTail: "", isExpected: true, at: 0 };
  const withSession = (archivedAt: number | null) =>
    useConversationsStore.setState({
      conversations: { [CONVERSATION.id]: CONVERSATION },
      sessions: { [CONVERSATION.sessionId]: { id: CONVERSATION.sessionId, archivedAt } as unknown as Session },
    });

  it("offers a message to resume a live session's conversation", () => {
    withSession(null);
    render(<ProcessExitRow exit={exit} conversationId={CONVERSATION.id as ConversationId} />);
    screen.getByText("Send a message to resume.");
  });

  it("says no way on under an exit a message already resumed from, archived or not", () => {
    for (const archivedAt of [null, 1]) {
      withSession(archivedAt);
      render(<ProcessExitRow exit={exit} conversationId={CONVERSATION.id as ConversationId} isResumed />);
      screen.getByText("Claude process ended: stopped: the session was archived");
      expect(screen.queryByText(/to resume\./)).toBeNull();
      cleanup();
    }
  });

  it("says an archived session's conversation resumes once unarchived, never that a message resumes it (ADR 0072)", () => {
    withSession(1);
    render(<ProcessExitRow exit={exit} conversationId={CONVERSATION.id as ConversationId} />);
    screen.getByText("The session is archived: unarchive it to resume.");
    expect(screen.queryByText("Send a message to resume.")).toBeNull();
  });

  it("shows a restart into bypass as the session going on, not as an ending that waits for a message (ADR 0104)", () => {
    withSession(null);
    const restart: ProcessExit = { ...exit, reason: "Claude Code restarted in Bypass permissions, which it allows only from its start", handoff: "restart" };
    render(<ProcessExitRow exit={restart} conversationId={CONVERSATION.id as ConversationId} />);
    screen.getByText("Claude Code restarted in Bypass permissions, which it allows only from its start: the same Claude session continues.");
    expect(screen.queryByText("Send a message to resume.")).toBeNull();
    expect(screen.queryByText(/Claude process ended/)).toBeNull();
  });

  it("leads from a job run's ended conversation to the run's summary, and offers nothing for a run still going", () => {
    withSession(null);
    const run = { id: "run_exitrow00001", conversationId: CONVERSATION.id, status: "succeeded", endedAt: 2 } as unknown as Run;
    useJobsStore.setState({ runs: { [run.id]: { ...run, status: "running", endedAt: null } } });
    const ended: ProcessExit = { ...exit, reason: "the job's run is over (succeeded)" };
    const { rerender } = render(<ProcessExitRow exit={ended} conversationId={CONVERSATION.id as ConversationId} />);
    expect(screen.queryByRole("link", { name: "See the run's summary" })).toBeNull();
    act(() => useJobsStore.setState({ runs: { [run.id]: run } }));
    rerender(<ProcessExitRow exit={ended} conversationId={CONVERSATION.id as ConversationId} />);
    expect(screen.getByRole("link", { name: "See the run's summary" }).getAttribute("href")).toBe(`#/r/${run.id}`);
    act(() => screen.getByRole("link", { name: "See the run's summary" }).click());
    expect(useNavStore.getState().hash).toBe(`#/r/${run.id}`);
  });

  it("offers an older run's summary (read from the server) and the job, never 'Send a message to resume', and leaves Run again to the composer's notice", async () => {
    const JOB = { id: "job_exitrow00001", name: "Nightly tidy", goalId: null } as unknown as Job;
    const older = { id: "run_exitrow00009", jobId: JOB.id, jobName: JOB.name, conversationId: CONVERSATION.id, status: "succeeded", endedAt: 2 } as unknown as Run;
    useConversationsStore.setState({
      conversations: { [CONVERSATION.id]: { ...CONVERSATION, jobId: JOB.id } },
      sessions: { [CONVERSATION.sessionId]: { id: CONVERSATION.sessionId, archivedAt: null } as unknown as Session },
    });
    useJobsStore.setState({ runs: {}, jobs: { [JOB.id]: JOB } });
    const asked: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input), "http://chatml.test");
      asked.push(`${init?.method ?? (input instanceof Request ? input.method : "GET")} ${url.pathname}${url.search}`);
      if (url.pathname === "/api/runs") return jsonResponse({ runs: [older], totals: { [JOB.id]: 40 } });
      return jsonResponse({ run: { ...older, id: "run_exitrow00010", endedAt: null, status: "queued" }, waitsFor: null, wasWaiting: false });
    }));
    render(<ProcessExitRow exit={{ ...exit, reason: "the job's run is over (succeeded)" }} conversationId={CONVERSATION.id as ConversationId} />);
    expect(screen.queryByText("Send a message to resume.")).toBeNull();
    screen.getByText("A run of the job “Nightly tidy”.");
    await waitFor(() => expect(asked).toContain(`GET /api/runs?jobId=${JOB.id}&conversationId=${CONVERSATION.id}`));
    expect((await screen.findByRole("link", { name: "See the run's summary" })).getAttribute("href")).toBe(`#/r/${older.id}`);
    act(() => screen.getByRole("link", { name: "See the run's summary" }).click());
    expect(useNavStore.getState().hash).toBe(`#/r/${older.id}`);
    expect(asked).toContain(`GET /api/runs?jobId=${JOB.id}&conversationId=${CONVERSATION.id}`);
    expect(screen.getByRole("link", { name: "Open the job" }).getAttribute("href")).toBe("#/jobs");
    act(() => screen.getByRole("link", { name: "Open the job" }).click());
    expect(useNavStore.getState().hash).toBe("#/jobs");
    // One Run again per screen: the notice above the composer has it, always in view once the run has ended.
    expect(screen.queryByRole("button", { name: "Run again" })).toBeNull();
  });
});

// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Conversation, ConversationId, Run, Session } from "../../../../shared/index.ts";
import type { ProcessExit, TurnResult } from "../../protocol/conversation-view.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { ProcessExitRow, TurnResultRow } from "./timeline-rows.tsx";

afterEach(cleanup);

const turn = (overrides: Partial<TurnResult>): TurnResult => ({
  isError: false,
  subtype: "success",
  resultText: null,
  errors: [],
  totalCostUsd: null,
  usage: null,
  numTurns: null,
  durationMs: null,
  durationApiMs: null,
  terminalReason: null,
  apiErrorStatus: null,
  at: 0,
  ...overrides,
});

describe("TurnResultRow", () => {
  it("names an API error by its status, never as '(success)'", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 500, resultText: "API Error: 500 Internal server error" })} />);
    expect(screen.getByTestId("turn-result").textContent).toContain("API error 500");
    expect(screen.getByTestId("turn-result").textContent).not.toContain("(success)");
  });

  it("says why a request too large failed and what gets the conversation going again, not the CLI's 'smaller file'", () => {
    render(<TurnResultRow turn={turn({ isError: true, apiErrorStatus: 413, resultText: "Request too large (max 32MB). Try with a smaller file." })} />);
    const hint = screen.getByTestId("request-too-large-hint").textContent ?? "";
    expect(hint).toContain("no longer fits in one request to Claude (at most 32 MB)");
    expect(hint).toContain("the images of earlier messages too");
    expect(hint).toMatch(/Send \/compact.*without its images.*Or start a new conversation\./s);
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
    expect(screen.queryByRole("button", { name: "See the run's summary" })).toBeNull();
    act(() => useJobsStore.setState({ runs: { [run.id]: run } }));
    rerender(<ProcessExitRow exit={ended} conversationId={CONVERSATION.id as ConversationId} />);
    act(() => screen.getByRole("button", { name: "See the run's summary" }).click());
    expect(useNavStore.getState().hash).toBe(`#/r/${run.id}`);
  });
});


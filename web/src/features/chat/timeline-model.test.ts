import { describe, expect, it } from "vitest";
import type { MessageId } from "../../../../shared/index.ts";
import { emptyView, type ConversationView, type ProcessExit, type TimelineItem, type TurnResult, type ViewMessage } from "../../protocol/conversation-view.ts";
import { isFailedTurn, timelineFacts } from "./timeline-model.ts";

const promptsEndedByError = (view: ConversationView) => timelineFacts(view).failedPrompts;
const turnsRepeatingTheirError = (view: ConversationView) => timelineFacts(view).repeatedErrors;
const exitsResumedSince = (view: ConversationView) => timelineFacts(view).resumedExits;
import { turnResult as turn } from "../../test-support/turn-result.ts";

const apiError = turn({ isError: true, apiErrorStatus: 500, resultText: "API Error: 500" });
const stopped = turn({ isError: true, subtype: "error_during_execution", terminalReason: "aborted_streaming" });

/** A message; `model` null on an assistant message is one Claude Code wrote itself (an API error, /cost). */
const message = (id: string, role: "user" | "assistant", text: string, model: string | null = role === "assistant" ? "claude-opus" : null): ViewMessage => ({
  id: id as MessageId,
  role,
  parentToolUseId: null,
  model,
  createdAt: 0,
  parts: [{ id: `prt_${id}` as never, kind: "text", text, isStreaming: false }],
  isPlaceholder: false,
});

const exit: ProcessExit = { code: null, signal: "SIGTERM", reason: "Sleeping after 10 minutes idle", stderrTail: "", isExpected: true, at: 0 };

/** A view of these rows in order: a message by itself, a turn's end, or a process exit. */
function viewOf(rows: (ViewMessage | TurnResult | ProcessExit)[]): ConversationView {
  const view = emptyView();
  const items: TimelineItem[] = rows.map((row, seq) => ("role" in row ? { kind: "message", id: row.id } : "signal" in row ? { kind: "exit", seq, exit: row } : { kind: "turn", seq, turn: row }));
  const messages = Object.fromEntries(rows.flatMap((row) => ("role" in row ? [[row.id, row]] : [])));
  return { ...view, items, messages };
}

describe("isFailedTurn", () => {
  it("is an error turn, but not one the user stopped", () => {
    expect(isFailedTurn(apiError)).toBe(true);
    expect(isFailedTurn(stopped)).toBe(false);
    expect(isFailedTurn(turn())).toBe(false);
  });
});

describe("timelineFacts: the prompts a failed turn ended", () => {
  it("names the prompts whose turn ended in an error, not those answered or stopped", () => {
    const view = viewOf([
      message("msg_answered", "user", "hi"), message("msg_reply", "assistant", "Hello"), turn(),
      message("msg_failed", "user", "again"), message("msg_error", "assistant", "API Error: 500"), apiError,
      message("msg_stopped", "user", "long"), stopped,
      message("msg_running", "user", "now"),
    ]);
    expect([...promptsEndedByError(view)]).toEqual(["msg_failed"]);
  });

  it("names the last prompt before the failed turn when two were sent into it", () => {
    const view = viewOf([message("msg_one", "user", "one"), message("msg_two", "user", "two"), apiError]);
    expect([...promptsEndedByError(view)]).toEqual(["msg_two"]);
  });
});

describe("timelineFacts: the turns that repeat their error", () => {
  it("names a failed turn whose error Claude Code already wrote as the message just above", () => {
    const view = viewOf([message("msg_ask", "user", "hi"), message("msg_error", "assistant", "API Error: 500\n", null), apiError]);
    expect([...turnsRepeatingTheirError(view)]).toEqual([2]);
  });

  it("keeps an error no message above said: another text, the model's own words, or no message at all", () => {
    const otherText = viewOf([message("msg_ask", "user", "hi"), message("msg_error", "assistant", "API Error: 529 Overloaded", null), apiError]);
    const modelWords = viewOf([message("msg_ask", "user", "hi"), message("msg_reply", "assistant", "API Error: 500"), apiError]);
    const noMessage = viewOf([message("msg_ask", "user", "hi"), apiError]);
    const done = viewOf([message("msg_ask", "user", "hi"), message("msg_note", "assistant", "", null), turn()]);
    for (const view of [otherText, modelWords, noMessage, done]) expect(turnsRepeatingTheirError(view).size).toBe(0);
  });
});

describe("timelineFacts: the exits a message went on from", () => {
  it("names the exits a later message went on from, not the last one nothing followed", () => {
    const view = viewOf([
      message("msg_one", "user", "one"), turn(), exit,
      message("msg_two", "user", "two"), turn(), exit, exit,
      message("msg_three", "user", "three"), turn(), exit,
    ]);
    expect([...exitsResumedSince(view)]).toEqual([2, 5, 6]);
  });

  it("does not count Claude's own words after an exit as going on", () => {
    expect(exitsResumedSince(viewOf([message("msg_one", "user", "one"), exit, message("msg_note", "assistant", "late")])).size).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { newId, type MessageId } from "../../../../shared/ids.ts";
import type { DurableEvent, SequencedEvent } from "../../../../shared/index.ts";
import { applyEvent } from "../../protocol/apply-event.ts";
import { emptyView } from "../../protocol/conversation-view.ts";
import { runTimeline } from "./run-timeline.ts";

const message = (id: MessageId, role: "user" | "assistant", parts: object[]): DurableEvent =>
  ({ type: "message.created", message: { id, role, parentToolUseId: null, model: role === "user" ? null : "m", createdAt: 1, parts } }) as unknown as DurableEvent;

describe("runTimeline", () => {
  it("puts the prompt, replies, tools, the turn's result and the end of the process in order", () => {
    const user = newId("message");
    const reply = newId("message");
    const events: DurableEvent[] = [
      message(user, "user", [{ id: newId("part"), kind: "text", text: "Update the deps" }]),
      message(reply, "assistant", [
        { id: newId("part"), kind: "tool", toolUseId: "t1", name: "Bash", input: {}, status: "failed", result: null, startedAt: 1, endedAt: 2 },
        { id: newId("part"), kind: "text", text: "Done." },
      ]),
      { type: "turn.completed", isError: false, subtype: "success", resultText: "Done.", errors: [], totalCostUsd: 0.0123, usage: null, numTurns: 1, durationMs: 1, durationApiMs: 1, terminalReason: null, apiErrorStatus: null } as DurableEvent,
      { type: "process.exited", code: 0, signal: null, reason: "the job's run is over (succeeded)", stderrTail: "", isExpected: true },
    ];
    let view = emptyView();
    events.forEach((event, i) => (view = applyEvent(view, { seq: i + 1, at: i, event } as SequencedEvent)));
    expect(runTimeline(view).map(({ kind, text, isError }) => ({ kind, text, isError }))).toEqual([
      { kind: "prompt", text: "Update the deps", isError: false },
      { kind: "tool", text: "Bash: failed", isError: true },
      { kind: "reply", text: "Done.", isError: false },
      { kind: "result", text: "Turn done, $0.01", isError: false },
      { kind: "exit", text: "Claude process ended: the job's run is over (succeeded)", isError: false },
    ]);
  });

  it("says a turn an API error ended failed, without the CLI's \"success\" beside it, and names other reasons in words", () => {
    const turn = (subtype: string, at: number): SequencedEvent =>
      ({ seq: at, at, event: { type: "turn.completed", isError: true, subtype, resultText: "", errors: [], totalCostUsd: 0, usage: null, numTurns: 1, durationMs: 1, durationApiMs: 1, terminalReason: null, apiErrorStatus: 400 } }) as unknown as SequencedEvent;
    const view = [turn("success", 1), turn("error_max_turns", 2)].reduce(applyEvent, emptyView());
    expect(runTimeline(view).map((entry) => entry.text)).toEqual(["Turn failed, $0.00", "Turn failed (max turns), $0.00"]);
  });

  it("says a tool call held for the user's answer waits for it (a run waiting for approval read \"Bash: running\")", () => {
    const reply = newId("message");
    const tool = (toolUseId: string, name: string) => ({ id: newId("part"), kind: "tool", toolUseId, name, input: {}, status: "running", result: null, startedAt: 1, endedAt: null });
    const asks = (toolUseId: string, kind: string, toolName: string): DurableEvent =>
      ({ type: "permission.requested", request: { id: newId("permission"), kind, toolName, toolUseId, input: {}, description: null, blockedPath: null, agentId: null, suggestions: [], questions: null, plan: null, createdAt: 2 } }) as unknown as DurableEvent;
    const events = [message(reply, "assistant", [tool("t1", "Bash"), tool("t2", "AskUserQuestion"), tool("t3", "Read")]), asks("t1", "tool", "Bash"), asks("t2", "question", "AskUserQuestion")];
    const view = events.reduce((v, event, i) => applyEvent(v, { seq: i + 1, at: i, event } as SequencedEvent), emptyView());
    expect(runTimeline(view).map((entry) => entry.text)).toEqual(["Bash: waiting for your approval", "AskUserQuestion: waiting for your answer", "Read: running"]);
  });
});

import { describe, expect, it } from "vitest";
import { applyDelta } from "./apply-delta.ts";
import { applyEvent } from "./apply-event.ts";
import { emptyView, type ConversationView } from "./conversation-view.ts";
import { msgId, permission, prmId, prtId, seqd, textDelta, turnCompleted } from "./test-fixtures.ts";
import type { SequencedEvent } from "../../../shared/index.ts";

const created = (seq: number, id: string, role: "user" | "assistant" = "assistant"): SequencedEvent =>
  seqd(seq, {
    type: "message.created",
    message: { id: msgId(id), role, parentToolUseId: null, model: null, createdAt: 1, parts: [] },
  });

const toolPart = (status: "running" | "completed" | "failed", result: { text: string; isError: boolean } | null) => ({
  id: prtId("tool1"),
  kind: "tool" as const,
  toolUseId: "toolu_1",
  name: "Bash",
  input: { command: "ls" },
  status,
  result: result ? { ...result, isTruncated: false } : null,
  startedAt: 1,
  endedAt: result ? 2 : null,
});

function run(events: SequencedEvent[], start: ConversationView = emptyView()): ConversationView {
  return events.reduce(applyEvent, start);
}

describe("applyEvent", () => {
  it("orders messages and records the last seq", () => {
    const view = run([created(1, "a", "user"), created(2, "b")]);
    expect(view.lastSeq).toBe(2);
    expect(view.items).toEqual([
      { kind: "message", id: msgId("a") },
      { kind: "message", id: msgId("b") },
    ]);
    expect(view.messages[msgId("a")]?.role).toBe("user");
  });

  it("ignores an already-applied seq, so a replay is idempotent", () => {
    const events = [created(1, "a"), seqd(2, { type: "notice", level: "info", text: "hi" })];
    const once = run(events);
    const twice = run(events, once);
    expect(twice).toBe(once);
    expect(twice.items).toHaveLength(2);
  });

  it("attaches a tool result by replacing the tool part", () => {
    const view = run([
      created(1, "a"),
      seqd(2, { type: "message.part.updated", messageId: msgId("a"), part: toolPart("running", null) }),
      seqd(3, {
        type: "message.part.updated",
        messageId: msgId("a"),
        part: toolPart("failed", { text: "ls: nope", isError: true }),
      }),
    ]);
    const parts = view.messages[msgId("a")]?.parts ?? [];
    expect(parts).toHaveLength(1);
    const part = parts[0];
    expect(part?.kind === "tool" && part.status).toBe("failed");
    expect(part?.kind === "tool" && part.result?.text).toBe("ls: nope");
  });

  it("tracks a permission from requested to resolved", () => {
    const requested = run([
      seqd(1, { type: "permission.requested", request: permission("p1") }),
      seqd(2, { type: "conversation.status.changed", status: "waiting", reason: null }),
    ]);
    expect(requested.pendingPermissions.map((p) => p.id)).toEqual([prmId("p1")]);
    expect(requested.status).toBe("waiting");
    const resolved = applyEvent(
      requested,
      seqd(3, { type: "permission.resolved", requestId: prmId("p1"), outcome: "allowed", message: null }),
    );
    expect(resolved.pendingPermissions).toEqual([]);
  });

  it("keeps the note of a request decided elsewhere until the conversation moves on: a new request, or a new prompt", () => {
    const decidedElsewhere = (first: number, id: string) => [
      seqd(first, { type: "permission.requested", request: permission(id) }),
      seqd(first + 1, { type: "permission.resolved", requestId: prmId(id), outcome: "allowed", message: null, decidedBy: "Pixel 8" }),
    ];
    const decided = run(decidedElsewhere(1, "p1"));
    expect(decided.decidedPermissions.map((d) => [d.request.id, d.decidedBy])).toEqual([[prmId("p1"), "Pixel 8"]]);
    expect(run([created(3, "a1")], decided).decidedPermissions).toHaveLength(1);
    const asked = run([seqd(3, { type: "permission.requested", request: permission("p2") })], decided);
    expect(asked.decidedPermissions).toEqual([]);
    const prompted = run([seqd(3, { type: "message.created", message: { id: msgId("u2"), role: "user", parentToolUseId: null, model: null, createdAt: 1, parts: [{ id: prtId("t"), kind: "text", text: "next" }] } })], decided);
    expect(prompted.decidedPermissions).toEqual([]);
  });

  it("records turn results and process exits in the timeline and drops pending permissions on exit", () => {
    const view = run([
      seqd(1, { type: "permission.requested", request: permission("p1") }),
      seqd(2, turnCompleted(true)),
      seqd(3, {
        type: "process.exited",
        code: 1,
        signal: null,
        reason: "exited with code 1",
        stderrTail: "boom",
        isExpected: false,
      }),
    ]);
    expect(view.lastTurn?.isError).toBe(true);
    expect(view.lastExit?.stderrTail).toBe("boom");
    expect(view.items.map((i) => i.kind)).toEqual(["turn", "exit"]);
    expect(view.pendingPermissions).toEqual([]);
  });

  it("keeps streamed parts when message.created arrives after the deltas", () => {
    const streamed = applyDelta(emptyView(), textDelta("a", "t1", "Hel"));
    const view = applyEvent(streamed, created(1, "a"));
    const message = view.messages[msgId("a")];
    expect(message?.isPlaceholder).toBe(false);
    expect(message?.parts.map((p) => p.kind === "text" && p.text)).toEqual(["Hel"]);
    expect(view.items).toHaveLength(1);
  });
});

describe("turn end", () => {
  it("stops streaming placeholders when the turn completes", () => {
    const streamed = applyDelta(emptyView(), textDelta("a", "t1", "partial"));
    const view = applyEvent(streamed, seqd(1, turnCompleted()));
    expect(view.messages[msgId("a")]?.parts[0]?.isStreaming).toBe(false);
    expect(view.lastTurn?.totalCostUsd).toBe(0.01);
  });
});

describe("context usage", () => {
  it("keeps the newest report, and a CLI that cannot say replaces figures with its reason", () => {
    const usage = { totalTokens: 20_403, maxTokens: 1_000_000, percentage: 2, model: "m", autoCompactThreshold: null, categories: [{ name: "Messages", tokens: 144, kind: "used" as const }] };
    const reported = applyEvent(emptyView(), seqd(1, { type: "context.usage.updated", usage, unavailableReason: null }));
    expect(reported.contextUsage?.usage?.percentage).toBe(2);
    const refused = applyEvent(reported, seqd(2, { type: "context.usage.updated", usage: null, unavailableReason: "cannot" }));
    expect(refused.contextUsage).toMatchObject({ usage: null, unavailableReason: "cannot" });
    expect(refused.items).toEqual([]);
  });

  it("builds a part from appended checkpoints, and leaves a page that streamed the same text untouched (ADR 0041)", () => {
    const appended = (seq: number, offset: number, text: string, streamState?: "streaming"): SequencedEvent =>
      seqd(seq, { type: "message.part.appended", messageId: msgId("b"), partId: prtId("p"), kind: "text", offset, text, ...(streamState ? { streamState } : {}) });
    const replayed = run([created(1, "b"), appended(2, 0, "Hello", "streaming"), appended(3, 5, " world", "streaming")]);
    expect(replayed.messages[msgId("b")]?.parts).toEqual([{ id: prtId("p"), kind: "text", text: "Hello world", streamState: "streaming", isStreaming: true }]);

    const live = [textDelta("b", "p", "Hello"), textDelta("b", "p", " wor")].reduce(applyDelta, run([created(1, "b")]));
    const checkpointed = applyEvent(live, appended(2, 0, "Hello wor", "streaming"));
    expect(checkpointed.messages).toBe(live.messages);
    const done = applyEvent(applyDelta(checkpointed, textDelta("b", "p", "ld")), appended(3, 9, "ld!"));
    expect(done.messages[msgId("b")]?.parts).toEqual([{ id: prtId("p"), kind: "text", text: "Hello world!", isStreaming: false }]);
  });
});

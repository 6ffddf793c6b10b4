import { describe, expect, it } from "vitest";
import { applyDelta } from "./apply-delta.ts";
import { applyEvent } from "./apply-event.ts";
import { emptyView } from "./conversation-view.ts";
import { textSince } from "../lib/text-log.ts";
import { msgId, prtId, seqd, textDelta } from "./test-fixtures.ts";

const textOf = (view: ReturnType<typeof emptyView>, message: string) =>
  view.messages[msgId(message)]?.parts.map((p) => (p.kind === "text" || p.kind === "thinking" ? p.text : p.kind));

describe("applyDelta", () => {
  it("creates a placeholder message and streaming part for an unknown message", () => {
    const view = applyDelta(emptyView(), textDelta("a", "t1", "Hello"));
    const message = view.messages[msgId("a")];
    expect(message?.isPlaceholder).toBe(true);
    expect(message?.role).toBe("assistant");
    expect(message?.parts[0]).toMatchObject({ kind: "text", text: "Hello", isStreaming: true });
    expect(view.items).toEqual([{ kind: "message", id: msgId("a") }]);
  });

  it("keeps a streamed text's deltas beside it (the log holds the whole text; a reset starts it over)", () => {
    const logOf = (view: ReturnType<typeof emptyView>) => {
      const part = view.messages[msgId("a")]?.parts[0];
      return part && "textLog" in part && part.textLog ? textSince(part.textLog, null) : null;
    };
    let view = [textDelta("a", "t1", "Hel"), textDelta("a", "t1", "lo")].reduce(applyDelta, emptyView());
    expect(logOf(view)).toBe("Hello");
    view = applyDelta(view, textDelta("a", "t1", "Again", true));
    expect(logOf(view)).toBe("Again");
  });

  it("appends deltas, then the final part replaces the streamed text", () => {
    let view = [textDelta("a", "t1", "Hel"), textDelta("a", "t1", "lo")].reduce(applyDelta, emptyView());
    expect(textOf(view, "a")).toEqual(["Hello"]);
    view = applyEvent(
      view,
      seqd(1, { type: "message.part.updated", messageId: msgId("a"), part: { id: prtId("t1"), kind: "text", text: "Hello!" } }),
    );
    expect(textOf(view, "a")).toEqual(["Hello!"]);
    expect(view.messages[msgId("a")]?.parts[0]?.isStreaming).toBe(false);
  });

  it("ignores a late delta for a finished part", () => {
    const done = applyEvent(
      emptyView(),
      seqd(1, { type: "message.part.updated", messageId: msgId("a"), part: { id: prtId("t1"), kind: "text", text: "Done" } }),
    );
    expect(applyDelta(done, textDelta("a", "t1", " more"))).toBe(done);
  });

  it("replaces the text so far on a reset delta (device joined mid-stream)", () => {
    let view = applyDelta(emptyView(), textDelta("a", "t1", "stale"));
    view = applyDelta(view, textDelta("a", "t1", "Whole text so far", true));
    view = applyDelta(view, textDelta("a", "t1", "."));
    expect(textOf(view, "a")).toEqual(["Whole text so far."]);
  });

  it("streams thinking and tool input into separate placeholder parts", () => {
    let view = applyDelta(emptyView(), { ...textDelta("a", "th", "hmm"), partKind: "thinking" });
    view = applyDelta(view, { ...textDelta("a", "tl", '{"command":'), partKind: "tool", toolName: "Bash" });
    const parts = view.messages[msgId("a")]?.parts ?? [];
    expect(parts.map((p) => p.kind)).toEqual(["thinking", "tool"]);
    const tool = parts[1];
    expect(tool?.kind === "tool" && [tool.name, tool.inputDraft, tool.status]).toEqual(["Bash", '{"command":', "running"]);
  });

  it("tracks tool progress and output tokens", () => {
    let view = applyDelta(emptyView(), { type: "tool.progressed", toolUseId: "toolu_1", elapsedSeconds: 4 });
    view = applyDelta(view, { type: "turn.progressed", outputTokens: 120 });
    expect(view.toolElapsed["toolu_1"]).toBe(4);
    expect(view.outputTokens).toBe(120);
  });

  it("offers Claude Code's suggested prompt until a prompt is sent", () => {
    const offered = applyDelta(emptyView(), { type: "prompt.suggested", suggestion: "Now add a test" });
    expect(offered.promptSuggestion).toBe("Now add a test");
    const prompt = { id: msgId("p"), role: "user" as const, parentToolUseId: null, model: null, createdAt: 1, parts: [{ id: prtId("pt"), kind: "text" as const, text: "Something else" }] };
    expect(applyEvent(offered, seqd(1, { type: "message.created", message: prompt })).promptSuggestion).toBeNull();
  });

  it("keeps where a sent prompt is in Claude Code's queue, telling an interrupted prompt from one withdrawn while queued", () => {
    const step = (view: ReturnType<typeof emptyView>, state: "queued" | "started" | "completed" | "cancelled") =>
      applyDelta(view, { type: "message.lifecycle", messageId: msgId("p"), state });
    const queued = step(emptyView(), "queued");
    expect(queued.promptStates[msgId("p")]).toEqual({ state: "queued", hasStarted: false });
    expect(step(queued, "cancelled").promptStates[msgId("p")]).toEqual({ state: "cancelled", hasStarted: false });
    expect(step(step(queued, "started"), "cancelled").promptStates[msgId("p")]).toEqual({ state: "cancelled", hasStarted: true });
  });
});

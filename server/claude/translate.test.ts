import { describe, expect, it } from "vitest";
import { assistant, setup, stream, T0, toolResult, toolUse } from "./fixtures/translator-kit.ts";
import { MAX_RESULT_BYTES } from "./translate-tool-result.ts";

/* Content: assistant lines, stream events, tool results and user lines. */
describe("assistant lines", () => {
  it("makes one message per API message id, parts appended in order", () => {
    const { run } = setup();
    const [created] = run(assistant("m1", { type: "text", text: "Hi" }));
    expect(created).toMatchObject({ type: "message.created", message: { role: "assistant", model: "claude-x", parentToolUseId: null, parts: [{ kind: "text", text: "Hi" }] } });
    const [updated] = run(assistant("m1", toolUse("toolu_1")));
    expect(updated).toMatchObject({ type: "message.part.updated", part: { kind: "tool", name: "Bash", status: "running", result: null, startedAt: T0, endedAt: null } });
    expect(created?.type === "message.created" && updated?.type === "message.part.updated" && updated.messageId === created.message.id).toBe(true);
  });

  it("keeps the synthetic API-error message but not its placeholder model", () => {
    const { run } = setup();
    const [created] = run({ type: "assistant", message: { id: "uuid-1", model: "<synthetic>", content: [{ type: "text", text: "API Error: 500" }] }, error: "server_error" });
    expect(created).toMatchObject({ message: { model: null, parts: [{ text: "API Error: 500" }] } });
  });
});

describe("stream events", () => {
  it("announces the message, streams deltas, and replaces them with the complete block", () => {
    const { run, translator } = setup();
    const [created] = run(stream({ type: "message_start", message: { id: "m1", model: "claude-x" } }));
    expect(created).toMatchObject({ type: "message.created", message: { parts: [] } });
    run(stream({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }));
    const [delta] = run(stream({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } }));
    run(stream({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo" } }));
    expect(delta).toMatchObject({ type: "message.part.delta", partKind: "text", delta: "Hel", isReset: false });
    expect(translator.takeInFlightParts()).toEqual([expect.objectContaining({ delta: "Hello", isReset: true })]);
    expect(translator.takeInFlightParts()).toHaveLength(1);
    const [part] = run(assistant("m1", { type: "text", text: "Hello" }));
    expect(part).toMatchObject({ type: "message.part.updated", part: { kind: "text", text: "Hello" } });
    expect(delta?.type === "message.part.delta" && part?.type === "message.part.updated" && part.part.id === delta.partId).toBe(true);
    expect(translator.takeInFlightParts()).toEqual([]);
  });

  it("streams tool input with the tool name, and counts output tokens", () => {
    const { run } = setup();
    run(stream({ type: "message_start", message: { id: "m1" } }, "m1"));
    const [start] = run(stream({ type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "Bash", input: {} } }, "m1"));
    expect(start).toMatchObject({ partKind: "tool", toolName: "Bash", delta: "" });
    const [json] = run(stream({ type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: "{\"co" } }, "m1"));
    expect(json).toMatchObject({ partKind: "tool", toolName: "Bash", delta: "{\"co" });
    expect(run(stream({ type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "x" } }, "m1"))).toEqual([]);
    expect(run(stream({ type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 42 } }, "m1"))).toEqual([
      { type: "turn.progressed", outputTokens: 42 },
    ]);
  });

  it("forgets blocks abandoned by an interrupt at message_stop", () => {
    const { run, translator } = setup();
    run(stream({ type: "message_start", message: { id: "m1" } }));
    run(stream({ type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } }));
    run(stream({ type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hmm" } }));
    expect(translator.takeInFlightParts()).toEqual([expect.objectContaining({ partKind: "thinking", delta: "hmm" })]);
    run(stream({ type: "message_stop" }));
    expect(translator.takeInFlightParts()).toEqual([]);
  });
});

describe("tool results", () => {
  it("completes the tool part with text and camelCase structured output", () => {
    const { run } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    const [updated] = run({ ...toolResult("toolu_1", "one"), tool_use_result: { stdout: "one", no_output_expected: false, nested: { old_todos: [] } } });
    expect(updated).toMatchObject({
      type: "message.part.updated",
      part: { status: "completed", endedAt: T0, result: { text: "one", isError: false, isTruncated: false, structured: { stdout: "one", noOutputExpected: false, nested: { oldTodos: [] } } } },
    });
  });

  it("fails the part on is_error, joins text blocks, and wraps a string result as {error}", () => {
    const { run } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    const content = [{ type: "text", text: "a" }, { type: "tool_reference", tool_name: "ExitPlanMode" }];
    const [updated] = run({ ...toolResult("toolu_1", content, { is_error: true }), tool_use_result: "Error: no" });
    expect(updated).toMatchObject({ part: { status: "failed", result: { text: "a\n[tool_reference: ExitPlanMode]", isError: true, structured: { error: "Error: no" } } } });
  });

  it("truncates text over 256 KB", () => {
    const { run } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    const [updated] = run(toolResult("toolu_1", "é".repeat(MAX_RESULT_BYTES)));
    const result = updated?.type === "message.part.updated" && updated.part.kind === "tool" ? updated.part.result : null;
    expect(result?.isTruncated).toBe(true);
    expect(new TextEncoder().encode(result?.text).length).toBeLessThanOrEqual(MAX_RESULT_BYTES);
  });

  it("reports a result for an unknown tool call as a warning", () => {
    const { run } = setup();
    expect(run(toolResult("toolu_nope", "x"))).toEqual([{ type: "notice", level: "warning", text: expect.stringContaining("toolu_nope") }]);
  });
});

describe("user lines", () => {
  it("ignores replays of our own input and local-command output", () => {
    const { run } = setup();
    expect(run({ type: "user", message: { role: "user", content: "hi" }, isReplay: true })).toEqual([]);
    expect(run({ type: "user", message: { role: "user", content: "<local-command-stdout>Set model</local-command-stdout>" } })).toEqual([]);
  });

  it("turns markers and synthetic lines into notices", () => {
    const { run } = setup();
    const marker = (text: string) => ({ type: "user", message: { role: "user", content: [{ type: "text", text }] } });
    expect(run(marker("[Request interrupted by user]"))).toEqual([{ type: "notice", level: "info", text: "Interrupted" }]);
    expect(run(marker("[Request interrupted by user for tool use]"))).toEqual([{ type: "notice", level: "info", text: "Interrupted" }]);
    expect(run({ ...marker("Your response above was cut off"), isSynthetic: true })).toMatchObject([{ type: "notice", level: "info" }]);
  });

  it("says a compaction once, and takes the summary the CLI sends after it for neither a cut-off stream nor the user's words", () => {
    const { run } = setup();
    const summary = { type: "user", message: { role: "user", content: "This session is being continued from a previous conversation that ran out of context. The summary below covers the earlier portion of the conversation.\n\nOK" }, isReplay: false, isSynthetic: true };
    expect(run({ type: "system", subtype: "compact_boundary", compact_metadata: { trigger: "manual", pre_tokens: 2567 } })).toEqual([{ type: "notice", level: "info", text: "The conversation was compacted." }]);
    expect(run(summary)).toEqual([]);
    // A later synthetic line is the resumption it always was.
    expect(run({ type: "user", message: { role: "user", content: [{ type: "text", text: "Your response above was cut off" }] }, isSynthetic: true })).toMatchObject([{ type: "notice", text: "The response was cut off mid-stream; Claude is resuming." }]);
  });

  it("makes a sub-agent's prompt a user message with parentToolUseId", () => {
    const { run } = setup();
    const [created] = run({ type: "user", message: { role: "user", content: [{ type: "text", text: "do it" }] }, parent_tool_use_id: "toolu_A" });
    expect(created).toMatchObject({ type: "message.created", message: { role: "user", parentToolUseId: "toolu_A", parts: [{ text: "do it" }] } });
  });
});

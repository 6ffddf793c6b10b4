import { describe, expect, it } from "vitest";
import type { PermissionId } from "../../shared/ids.ts";
import { type DomainEvent, DurableEvent, EphemeralEvent } from "../../shared/protocol/events.ts";
import type { CliMessage } from "./contracts.ts";
import { sequentialIds } from "./fixtures/load-transcripts.ts";
import { CliTranslator } from "./translate.ts";
import { MAX_RESULT_BYTES } from "./translate-tool-result.ts";

const T0 = 1_000;

function setup() {
  const translator = new CliTranslator({ ids: sequentialIds(), now: () => T0, transport: "stdio" });
  const run = (msg: Record<string, unknown>): DomainEvent[] => {
    const events = translator.translate(msg as CliMessage);
    for (const e of events) expect(DurableEvent.safeParse(e).success || EphemeralEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
    return events;
  };
  return { translator, run };
}

const assistant = (id: string, block: Record<string, unknown>, parent: string | null = null) => ({
  type: "assistant",
  message: { id, model: "claude-x", content: [block] },
  parent_tool_use_id: parent,
});
const toolUse = (id: string, name = "Bash", input: unknown = { command: "ls" }) => ({ type: "tool_use", id, name, input });
const toolResult = (id: string, content: unknown, extra: Record<string, unknown> = {}) => ({
  type: "user",
  message: { role: "user", content: [{ type: "tool_result", tool_use_id: id, content, ...extra }] },
  parent_tool_use_id: null,
});
const stream = (event: Record<string, unknown>, apiId?: string) => ({ type: "stream_event", event, parent_tool_use_id: null, api_message_id: apiId });
const canUseTool = (requestId: string, tool: string, input: unknown, extra: Record<string, unknown> = {}) => ({
  type: "control_request",
  request_id: requestId,
  request: { subtype: "can_use_tool", tool_name: tool, input, tool_use_id: "toolu_1", ...extra },
});

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

  it("makes a sub-agent's prompt a user message with parentToolUseId", () => {
    const { run } = setup();
    const [created] = run({ type: "user", message: { role: "user", content: [{ type: "text", text: "do it" }] }, parent_tool_use_id: "toolu_A" });
    expect(created).toMatchObject({ type: "message.created", message: { role: "user", parentToolUseId: "toolu_A", parts: [{ text: "do it" }] } });
  });
});

describe("system lines", () => {
  const init = (extra: Record<string, unknown> = {}) => ({ type: "system", subtype: "init", session_id: "s1", model: "m", permissionMode: "default", cwd: "/w", tools: ["Bash"], slash_commands: [], claude_code_version: "2.1.330", uuid: crypto.randomUUID(), ...extra });

  it("emits cli.session.updated only when init changes", () => {
    const { run } = setup();
    expect(run(init())).toEqual([
      { type: "cli.session.updated", cliSessionId: "s1", cliVersion: "2.1.330", model: "m", permissionMode: "default", cwd: "/w", tools: ["Bash"], slashCommands: [], transport: "stdio" },
    ]);
    expect(run(init())).toEqual([]);
    expect(run(init({ model: "other" }))).toMatchObject([{ model: "other" }]);
  });

  it("maps status, retries and refusals", () => {
    const { run } = setup();
    expect(run({ type: "system", subtype: "status", status: "requesting" })).toEqual([{ type: "cli.status.changed", status: "requesting", permissionMode: null }]);
    expect(run({ type: "system", subtype: "status", status: null, permissionMode: "acceptEdits" })).toEqual([{ type: "cli.status.changed", status: null, permissionMode: "acceptEdits" }]);
    expect(run({ type: "system", subtype: "status", status: null, permissionMode: "bogusMode" })).toMatchObject([{ permissionMode: null }]);
    expect(run({ type: "system", subtype: "api_retry", attempt: 1, max_retries: 2, retry_delay_ms: 1204.6, error_status: 429, error: "rate_limit" })).toEqual([
      { type: "api.retrying", attempt: 1, maxRetries: 2, delayMs: 1205, errorStatus: 429, error: "rate_limit" },
    ]);
    expect(run({ type: "system", subtype: "permission_denied", tool_name: "Bash", message: "needs approval" })).toMatchObject([{ type: "notice", level: "warning" }]);
  });

  it("merges task events and maps their status", () => {
    const { run } = setup();
    const task = (subtype: string, extra: Record<string, unknown>) => ({ type: "system", subtype, task_id: "t1", ...extra });
    expect(run(task("task_started", { tool_use_id: "toolu_A", description: "Sub task", is_backgrounded: true }))).toMatchObject([
      { type: "task.updated", status: "running", toolUseId: "toolu_A", description: "Sub task", isBackground: true },
    ]);
    expect(run(task("task_updated", { patch: { status: "killed" } }))).toMatchObject([{ status: "stopped", toolUseId: "toolu_A", isBackground: true }]);
    expect(run(task("task_updated", { patch: { status: "killed" } }))).toEqual([]);
    expect(run(task("task_notification", { status: "failed", summary: "boom" }))).toMatchObject([{ status: "failed", summary: "boom", description: "Sub task" }]);
  });
});

describe("permissions", () => {
  it("requests a tool permission with readable suggestions and keeps the raw request", () => {
    const { run, translator } = setup();
    const suggestions = [
      { type: "addRules", rules: [{ toolName: "Bash", ruleContent: "echo hello *" }], behavior: "allow", destination: "localSettings" },
      { type: "setMode", mode: "acceptEdits", destination: "session" },
      { type: "addDirectories", directories: ["/dir"], destination: "session" },
    ];
    const [event] = run(canUseTool("req-1", "Bash", { command: "echo hello" }, { permission_suggestions: suggestions, blocked_path: "/dir/x", agent_id: "a1" }));
    expect(event).toMatchObject({
      type: "permission.requested",
      request: { kind: "tool", toolName: "Bash", toolUseId: "toolu_1", blockedPath: "/dir/x", agentId: "a1", questions: null, plan: null, createdAt: T0 },
    });
    const request = event?.type === "permission.requested" ? event.request : null;
    expect(request?.suggestions).toEqual([
      { id: "0", label: "Always allow Bash(echo hello *)" },
      { id: "1", label: "Switch to accept-edits mode for this session" },
      { id: "2", label: "Allow access to /dir" },
    ]);
    expect(translator.pendingPermission(request!.id)).toEqual({ cliRequestId: "req-1", toolUseId: "toolu_1", toolName: "Bash", input: { command: "echo hello" }, rawSuggestions: suggestions, kind: "tool" });
  });

  it("parses AskUserQuestion and ExitPlanMode", () => {
    const { run } = setup();
    const questions = [{ question: "Color?", header: "C", options: [{ label: "Red" }], multiSelect: true }, { nope: 1 }];
    expect(run(canUseTool("r1", "AskUserQuestion", { questions }))).toMatchObject([
      { request: { kind: "question", questions: [{ question: "Color?", header: "C", options: [{ label: "Red", description: null }], multiSelect: true }] } },
    ]);
    expect(run(canUseTool("r2", "ExitPlanMode", { plan: "# P", planFilePath: "/p.md" }))).toMatchObject([{ request: { kind: "plan", plan: "# P", input: { planFilePath: "/p.md" } } }]);
    expect(run(canUseTool("r3", "ExitPlanMode", {}))).toMatchObject([{ request: { kind: "plan", plan: null } }]);
  });

  it("cancels a withdrawn request once, and ignores unknown ids", () => {
    const { run, translator } = setup();
    const [event] = run(canUseTool("req-1", "Bash", {}));
    const id = (event?.type === "permission.requested" ? event.request.id : "") as PermissionId;
    expect(run({ type: "control_cancel_request", request_id: "req-1" })).toMatchObject([{ type: "permission.resolved", requestId: id, outcome: "cancelled" }]);
    expect(run({ type: "control_cancel_request", request_id: "req-1" })).toEqual([]);
    expect(translator.pendingPermission(id)).toBeUndefined();
  });

  it("does not cancel a settled permission when its tool result arrives", () => {
    const { run, translator } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    const [event] = run(canUseTool("req-1", "Bash", {}));
    translator.settlePermission((event?.type === "permission.requested" ? event.request.id : "") as PermissionId);
    expect(run(toolResult("toolu_1", "ok")).map((e) => e.type)).toEqual(["message.part.updated"]);
  });

  it("leaves other control requests and responses to the runtime", () => {
    const { run, translator } = setup();
    expect(run({ type: "control_request", request_id: "h1", request: { subtype: "hook_callback", callback_id: "x" } })).toEqual([]);
    expect(run({ type: "control_response", response: { subtype: "success", request_id: "i1" } })).toEqual([]);
    expect(translator.stats).toEqual({ unknownTypes: {}, invalid: 0 });
  });
});

describe("results and exit", () => {
  it("takes isError from is_error even for subtype success, and maps usage", () => {
    const { run } = setup();
    const [turn] = run({ type: "result", subtype: "success", is_error: true, result: "API Error: 500", api_error_status: 500, usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 5, cache_creation_input_tokens: 6 }, terminal_reason: "api_error" });
    expect(turn).toMatchObject({ type: "turn.completed", isError: true, subtype: "success", resultText: "API Error: 500", apiErrorStatus: 500, errors: [], terminalReason: "api_error", usage: { inputTokens: 3, outputTokens: 4, cacheReadTokens: 5, cacheCreationTokens: 6 } });
  });

  it("fails main-thread tools left running by an aborted turn; a late result still lands", () => {
    const { run } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    run(assistant("m2", toolUse("toolu_2"), "toolu_agent"));
    const events = run({ type: "result", subtype: "error_during_execution", is_error: true, terminal_reason: "aborted_tools", errors: ["x"] });
    expect(events.map((e) => e.type)).toEqual(["message.part.updated", "turn.completed"]);
    expect(events[0]).toMatchObject({ part: { toolUseId: "toolu_1", status: "failed", result: { isError: true } } });
    expect(run(toolResult("toolu_1", "late"))).toMatchObject([{ part: { status: "completed", result: { text: "late" } } }]);
  });

  it("on exit fails running tools, cancels permissions, then reports the exit", () => {
    const { run, translator } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    run(canUseTool("req-1", "Bash", {}));
    const events = translator.translateExit({ code: null, signal: "SIGKILL", stderrTail: "boom" }, false, "killed by SIGKILL");
    expect(events.map((e) => e.type)).toEqual(["message.part.updated", "permission.resolved", "process.exited"]);
    expect(events[2]).toEqual({ type: "process.exited", code: null, signal: "SIGKILL", reason: "killed by SIGKILL", stderrTail: "boom", isExpected: false });
  });

  it("reports tool progress", () => {
    const { run } = setup();
    expect(run({ type: "tool_progress", tool_use_id: "toolu_1", tool_name: "Bash", elapsed_time_seconds: 3 })).toEqual([{ type: "tool.progressed", toolUseId: "toolu_1", elapsedSeconds: 3 }]);
  });
});

describe("robustness", () => {
  it("counts unknown types and subtypes without throwing", () => {
    const { run, translator } = setup();
    expect(run({ type: "no_such_type" })).toEqual([]);
    expect(run({ type: "system", subtype: "brand_new" })).toEqual([]);
    expect(run({ type: "no_such_type" })).toEqual([]);
    expect(run({ type: "command_lifecycle", state: "queued" })).toEqual([]);
    expect(run({ type: "system", subtype: "thinking_tokens" })).toEqual([]);
    expect(translator.stats).toEqual({ unknownTypes: { no_such_type: 2, "system/brand_new": 1 }, invalid: 0 });
  });

  it("counts known types that do not fit their schema as invalid", () => {
    const { run, translator } = setup();
    const broken = [
      { type: "assistant" },
      { type: "user", message: 5 },
      { type: "result" },
      { type: "stream_event", event: null },
      { type: "system", subtype: "init" },
      { type: "system", subtype: "api_retry", attempt: "x" },
      { type: "control_request", request: { subtype: "can_use_tool" } },
      { type: "control_request", request_id: "r", request: { subtype: "can_use_tool" } },
      { type: "control_cancel_request" },
      { type: "tool_progress" },
    ];
    for (const msg of broken) expect(run(msg)).toEqual([]);
    expect(translator.stats.invalid).toBe(broken.length);
  });
});

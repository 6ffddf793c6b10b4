import { describe, expect, it } from "vitest";
import type { PermissionId } from "../../shared/ids.ts";
import { assistant, canUseTool, setup, T0, toolResult, toolUse } from "./fixtures/translator-kit.ts";

/* Control: system lines, permissions, turn results, process exit, and robustness against odd lines. */
describe("system lines", () => {
  const init = (extra: Record<string, unknown> = {}) => ({ type: "system", subtype: "init", session_id: "s1", model: "m", permissionMode: "default", cwd: "/w", tools: ["Bash"], slash_commands: [], claude_code_version: "2.1.330", uuid: crypto.randomUUID(), ...extra });

  it("emits cli.session.updated only when init changes", () => {
    const { run } = setup();
    expect(run(init())).toEqual([
      { type: "cli.session.updated", cliSessionId: "s1", cliVersion: "2.1.330", model: "m", permissionMode: "default", cwd: "/w", tools: ["Bash"], slashCommands: [], transport: "stdio", mcpServers: [] },
    ]);
    expect(run(init())).toEqual([]);
    expect(run(init({ model: "other" }))).toMatchObject([{ model: "other" }]);
    expect(run(init({ model: "other", mcp_servers: [{ name: "chatml", status: "connected", source: "dynamic" }, { status: "failed" }, "junk"] }))).toMatchObject([
      { mcpServers: [{ name: "chatml", status: "connected", source: "dynamic" }] },
    ]);
  });

  it("names a model the CLI took by set_model at once, and the next init only if it says otherwise", () => {
    const { run, translator } = setup();
    expect(translator.modelChosen("haiku")).toEqual([]); // no facts yet to change
    run(init({ model: "claude-opus-4-5" }));
    expect(translator.modelChosen("haiku")).toEqual([
      { type: "cli.session.updated", cliSessionId: "s1", cliVersion: "2.1.330", model: "haiku", permissionMode: "default", cwd: "/w", tools: ["Bash"], slashCommands: [], transport: "stdio", mcpServers: [] },
    ]);
    expect(translator.modelChosen("haiku")).toEqual([]);
    expect(run(init({ model: "haiku" }))).toEqual([]); // the next turn's init says the same: nothing new
    expect(run(init({ model: "claude-haiku-4-5" }))).toMatchObject([{ type: "cli.session.updated", model: "claude-haiku-4-5" }]);
    // The default is not named until an init names it; the model left is no longer said.
    expect(translator.modelChosen(null)).toMatchObject([{ type: "cli.session.updated", model: null }]);
    expect(run(init({ model: "claude-opus-4-5" }))).toMatchObject([{ model: "claude-opus-4-5" }]);
  });

  it("says once in the conversation that an MCP server failed to start, and again only after it recovered and failed anew", () => {
    const { run } = setup();
    const servers = (broken: string) => ({ mcp_servers: [{ name: "chatml", status: "connected" }, { name: "broken", status: broken }] });
    const failedNotice = { type: "notice", level: "warning", text: "The MCP server “broken” failed to start, so Claude works without its tools. Session controls → MCP servers shows why and can reconnect it." };
    expect(run(init(servers("failed")))).toEqual([expect.objectContaining({ type: "cli.session.updated" }), failedNotice]);
    expect(run(init(servers("failed")))).toEqual([]); // the next turn's init repeats it: said once
    expect(run(init({ ...servers("failed"), model: "other" }))).toEqual([expect.objectContaining({ type: "cli.session.updated", model: "other" })]);
    expect(run(init({ ...servers("connected"), model: "other" }))).toEqual([expect.objectContaining({ type: "cli.session.updated" })]);
    expect(run(init({ ...servers("failed"), model: "other" }))).toEqual([expect.objectContaining({ type: "cli.session.updated" }), failedNotice]);
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
    // Each label reads after "Always allow also:" and names the rule it adds, once.
    expect(request?.suggestions).toEqual([
      { id: "0", label: "Add the allow rule Bash(echo hello *) for this project" },
      { id: "1", label: "Switch to accept-edits mode for this session" },
      { id: "2", label: "Allow access to /dir for this session" },
    ]);
    expect(translator.pendingPermission(request!.id)).toEqual({ cliRequestId: "req-1", toolUseId: "toolu_1", toolName: "Bash", input: { command: "echo hello" }, rawSuggestions: suggestions, kind: "tool" });
  });

  it("says what the CLI's rule for a compound command leaves to another prompt", () => {
    const { run } = setup();
    const command = "echo hello-from-bash > bash-out.txt && cat bash-out.txt";
    const suggestions = [{ type: "addRules", rules: [{ toolName: "Bash", ruleContent: "echo hello-from-bash *" }], behavior: "allow", destination: "localSettings" }];
    const [event] = run(canUseTool("req-1", "Bash", { command }, { permission_suggestions: suggestions }));
    expect(event?.type === "permission.requested" ? event.request.suggestions[0]?.label : null).toBe(
      "Add the allow rule Bash(echo hello-from-bash *) for this project. It does not cover “cat bash-out.txt” or writing bash-out.txt: Claude Code checks each part of a command on its own, so this command can ask again",
    );
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

  it("names who stopped Claude on a request withdrawn by ChatML's interrupt, until the turn's result; the CLI's own is the CLI's", () => {
    const { run, translator } = setup();
    const withdrawn = (cliRequestId: string) => {
      run(canUseTool(cliRequestId, "Bash", {}));
      return run({ type: "control_cancel_request", request_id: cliRequestId });
    };
    expect(withdrawn("req-1")).toMatchObject([{ outcome: "cancelled", message: "The CLI withdrew the request." }]);
    translator.interruptSent("user");
    expect(withdrawn("req-2")).toMatchObject([{ outcome: "cancelled", message: "You stopped Claude." }]);
    run({ type: "result", subtype: "error_during_execution", is_error: true, terminal_reason: "aborted_tools" });
    expect(withdrawn("req-3")).toMatchObject([{ message: "The CLI withdrew the request." }]);
    translator.interruptSent("turn-budget");
    expect(withdrawn("req-4")).toMatchObject([{ message: "The turn budget stopped Claude." }]);
    translator.interruptSent("time-limit");
    expect(withdrawn("req-5")).toMatchObject([{ message: "The run's time limit stopped Claude." }]);
    translator.interruptSent(null); // the CLI refused the interrupt
    expect(withdrawn("req-6")).toMatchObject([{ message: "The CLI withdrew the request." }]);
  });

  it("does not cancel a settled permission when its tool result arrives", () => {
    const { run, translator } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    const [event] = run(canUseTool("req-1", "Bash", {}));
    translator.settlePermission((event?.type === "permission.requested" ? event.request.id : "") as PermissionId);
    expect(run(toolResult("toolu_1", "ok")).map((e) => e.type)).toEqual(["message.part.updated"]);
  });

  it("shows the edited input as what ran, keeping Claude's proposal, through to the result", () => {
    const { run, translator } = setup();
    run(assistant("m1", toolUse("toolu_1", "Bash", { command: "rm -rf build" })));
    const [event] = run(canUseTool("req-1", "Bash", { command: "rm -rf build" }));
    const id = (event?.type === "permission.requested" ? event.request.id : "") as PermissionId;
    expect(translator.settlePermission(id, { command: "rm -rf build/tmp" })).toMatchObject([
      { type: "message.part.updated", part: { toolUseId: "toolu_1", input: { command: "rm -rf build/tmp" }, editedFrom: { command: "rm -rf build" } } },
    ]);
    expect(run(toolResult("toolu_1", "ok"))).toMatchObject([{ part: { input: { command: "rm -rf build/tmp" }, editedFrom: { command: "rm -rf build" }, status: "completed" } }]);
  });

  it("starts an allowed tool when it is allowed, so its time is its own and not the wait for the user (history too)", () => {
    let now = T0;
    const { run, translator } = setup(() => now);
    run(assistant("m1", toolUse("toolu_1", "Bash", { command: "ls" })));
    const [event] = run(canUseTool("req-1", "Bash", { command: "ls" }));
    const id = (event?.type === "permission.requested" ? event.request.id : "") as PermissionId;
    now = T0 + 36_000;
    const [update] = translator.settlePermission(id, { command: "ls" });
    expect(update).toMatchObject({ type: "message.part.updated", part: { toolUseId: "toolu_1", input: { command: "ls" }, startedAt: T0 + 36_000 } });
    expect(update?.type === "message.part.updated" && "editedFrom" in update.part).toBe(false);
    now = T0 + 36_300;
    expect(run(toolResult("toolu_1", "ok"))).toMatchObject([{ part: { status: "completed", startedAt: T0 + 36_000, endedAt: T0 + 36_300 } }]);
  });

  it.each([
    ["AskUserQuestion", { questions: [{ question: "Which color?", header: "Color", multiSelect: false, options: [{ label: "Red" }, { label: "Blue" }] }] }, { answers: { "Which color?": "Blue" } }],
    ["ExitPlanMode", { plan: "# Plan" }, undefined],
  ])("starts %s when the user answers, as the page shows it live, and marks no answer as an edit", (name, input, answer) => {
    let now = T0;
    const { run, translator } = setup(() => now);
    run(assistant("m1", toolUse("toolu_1", name, input)));
    const [event] = run(canUseTool("req-1", name, input));
    const id = (event?.type === "permission.requested" ? event.request.id : "") as PermissionId;
    now = T0 + 37_000;
    const [update] = translator.settlePermission(id, answer);
    expect(update).toMatchObject({ type: "message.part.updated", part: { toolUseId: "toolu_1", input, startedAt: T0 + 37_000 } });
    expect(update?.type === "message.part.updated" && "editedFrom" in update.part).toBe(false);
    // A question keeps how long it waited for the answer (its time shown, live and after a reload); a plan does not.
    expect(update?.type === "message.part.updated" && update.part.kind === "tool" ? update.part.answeredAfterMs : "no update").toBe(name === "AskUserQuestion" ? 37_000 : undefined);
    now = T0 + 37_200;
    expect(run(toolResult("toolu_1", "answered"))).toMatchObject([{ part: { status: "completed", startedAt: T0 + 37_000, endedAt: T0 + 37_200 } }]);
  });

  it("leaves a denied tool's part alone (it never ran)", () => {
    const { run, translator } = setup();
    run(assistant("m1", toolUse("toolu_1", "Bash", { command: "ls" })));
    const [event] = run(canUseTool("req-1", "Bash", { command: "ls" }));
    const id = (event?.type === "permission.requested" ? event.request.id : "") as PermissionId;
    expect(translator.settlePermission(id, undefined, "deny")).toEqual([]);
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
  it("counts unknown types and subtypes without throwing, saying each once", () => {
    const { run, translator } = setup();
    expect(run({ type: "no_such_type" })).toMatchObject([{ type: "notice", level: "info" }]);
    expect(run({ type: "system", subtype: "brand_new" })).toMatchObject([{ type: "notice", level: "info" }]);
    expect(run({ type: "no_such_type" })).toEqual([]);
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

import { describe, expect, it } from "vitest";
import {
  DEFAULT_DENY_MESSAGE,
  DEFAULT_PLAN_FEEDBACK,
  encodeControlError,
  encodeControlSuccess,
  encodeInitialize,
  encodeInterrupt,
  encodePermissionAnswer,
  encodeSetModel,
  encodeSetPermissionMode,
  encodeUserMessage,
  type PermissionAnswer,
  parseInitializeResponse,
} from "./commands.ts";
import type { CliMessage, HostMessage } from "./contracts.ts";
import { cliLines, hostLines, sequentialIds } from "./fixtures/load-transcripts.ts";
import { CliTranslator, type PendingPermission } from "./translate.ts";

/** Pending permissions of a transcript, in order, as the translator records them. */
function pendingOf(name: string): PendingPermission[] {
  const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });
  return cliLines(name).flatMap(({ msg }) =>
    translator.translate(msg).flatMap((e) => (e.type === "permission.requested" ? [translator.pendingPermission(e.request.id)!] : [])),
  );
}

/** The host's answers to can_use_tool requests in a transcript, in order. */
function answersOf(name: string): HostMessage[] {
  return hostLines(name).filter((m) => m.type === "control_response");
}

/** Encodes every pending permission of a transcript with the given answers and compares with the recording. */
function expectAnswers(name: string, answers: PermissionAnswer[]) {
  const encoded = pendingOf(name).map((p, i) => encodePermissionAnswer(p, answers[i]!));
  expect(encoded).toEqual(answersOf(name));
}

describe("encodeUserMessage", () => {
  it("sends plain text as string content", () => {
    expect(encodeUserMessage({ text: "Run a command @@bash", images: [] })).toEqual(hostLines("b_bash_allow")[0]);
    expect(encodeUserMessage({ text: "Write a long answer @@slow", images: [], uuid: "22222222-2222-4222-8222-222222222222" })).toEqual(hostLines("g_interrupt_streaming")[0]);
  });

  it("sends images as base64 blocks before the text", () => {
    const line = encodeUserMessage({ text: "What is this?", images: [{ mediaType: "image/png", data: "AAAA" }], uuid: "u1" });
    expect(line).toEqual({
      type: "user",
      message: { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } }, { type: "text", text: "What is this?" }] },
      parent_tool_use_id: null,
      session_id: "",
      uuid: "u1",
    });
    const imageOnly = encodeUserMessage({ text: " ", images: [{ mediaType: "image/png", data: "AAAA" }] });
    expect(imageOnly.type === "user" && imageOnly.message.content).toHaveLength(1);
  });
});

describe("control requests", () => {
  it("match the recorded host lines", () => {
    const hi = hostLines("hi_initialize_and_controls");
    const byId = (id: string) => hi.find((m) => m.type === "control_request" && m.request_id === id);
    const recorded = byId("init-2") as { request: Record<string, unknown> };
    expect(encodeInitialize("init-2")).toEqual({ ...recorded, request: { ...recorded.request, forwardSubagentText: true } });
    // With the setting on, the CLI is asked to predict the next prompt after each turn (ADR 0038).
    expect(encodeInitialize("init-2", { promptSuggestions: true })).toEqual({ ...recorded, request: { ...recorded.request, forwardSubagentText: true, promptSuggestions: true } });
    expect(encodeSetModel("set-model-1", "claude-haiku-4-5")).toEqual(byId("set-model-1"));
    expect(encodeSetModel("set-model-default", null)).toEqual(byId("set-model-default"));
    expect(encodeSetPermissionMode("set-mode-1", "acceptEdits")).toEqual(byId("set-mode-1"));
    expect(encodeInterrupt("host-int-1")).toEqual(hostLines("g_interrupt_streaming")[1]);
  });

  it("answer CLI requests with success or error", () => {
    const hook = answersOf("q_initialize_hooks_callback")[0];
    expect(encodeControlSuccess("539ef408-c120-4a8f-9b9e-62f6c8f33373", { continue: true })).toEqual(hook);
    expect(encodeControlError("f0fa2491-578f-4bf7-89d0-b54faf711262", "host could not decide")).toEqual(answersOf("b_bash_error_response")[0]);
  });
});

describe("encodePermissionAnswer", () => {
  it("allow echoes the original input (both CLI versions)", () => {
    expectAnswers("b_bash_allow", [{ decision: "allow" }]);
    expectAnswers("b_bash_allow.v21119", [{ decision: "allow" }]);
    expectAnswers("e_task_subagent", [{ decision: "allow" }]);
  });

  it("allow with an edited input", () => {
    expectAnswers("b_bash_allow_modified_input", [{ decision: "allow", updatedInput: { command: "echo rewritten-by-host" } }]);
  });

  it("deny with a message, and deny + interrupt", () => {
    expectAnswers("b_bash_deny", [{ decision: "deny", message: "The user does not want this command run." }]);
    expectAnswers("b_bash_deny_interrupt", [{ decision: "deny", message: "Stop everything.", interrupt: true }]);
    const [pending] = pendingOf("b_bash_deny");
    expect(encodePermissionAnswer(pending!, { decision: "deny" })).toMatchObject({ response: { response: { behavior: "deny", message: DEFAULT_DENY_MESSAGE } } });
  });

  it("remembers suggestions as updatedPermissions", () => {
    expectAnswers("c_write_edit_updatedPermissions", [{ decision: "allow", rememberSuggestionIds: ["0"] }]);
    const [pending] = pendingOf("b_bash_allow");
    const line = encodePermissionAnswer(pending!, { decision: "allow", rememberSuggestionIds: ["0", "9", "x", "0"] });
    expect(line).toMatchObject({
      response: { response: { updatedPermissions: [{ type: "addRules", rules: [{ toolName: "Bash", ruleContent: "echo hello-from-bash *" }], behavior: "allow" }] } },
    });
  });

  it("answers AskUserQuestion in updatedInput.answers and approves or rejects plans", () => {
    expectAnswers("f_plan_ask_approve", [{ decision: "allow", answers: { "Which color do you prefer?": "Blue" } }, { decision: "allow" }]);
    expectAnswers("f_plan_ask_approve.v21119", [{ decision: "allow", answers: { "Which color do you prefer?": "Blue" } }, { decision: "allow" }]);
    expectAnswers("f_plan_ask_deny", [
      { decision: "allow", answers: { "Which color do you prefer?": "Blue" } },
      { decision: "deny", message: "Keep planning: add a testing step." },
    ]);
    expectAnswers("f_plan_ask_noanswers_and_setmode", [{ decision: "allow" }, { decision: "allow", switchMode: "acceptEdits" }]);
    expectAnswers("f_plan_ask_noanswers_and_setmode.v21119", [{ decision: "allow" }, { decision: "allow", switchMode: "acceptEdits" }]);
  });

  it("rejects a plan with default feedback when none is given", () => {
    const plan = pendingOf("f_plan_ask_deny")[1]!;
    expect(plan.kind).toBe("plan");
    expect(encodePermissionAnswer(plan, { decision: "deny", message: "  " })).toMatchObject({ response: { response: { behavior: "deny", message: DEFAULT_PLAN_FEEDBACK } } });
  });
});

describe("parseInitializeResponse", () => {
  const initResponse = (name: string): unknown => {
    const line = cliLines(name).find(({ msg }) => msg.type === "control_response" && (msg["response"] as { request_id?: string }).request_id === "init-1");
    return ((line?.msg as CliMessage)["response"] as { response: unknown }).response;
  };

  it.each(["hi_initialize_and_controls", "hi_initialize_and_controls.v21119"])("%s: maps commands, models and account", (name) => {
    const parsed = parseInitializeResponse(initResponse(name));
    expect(parsed.commands.length).toBeGreaterThan(2);
    for (const c of parsed.commands) expect(c).toEqual({ name: expect.any(String), description: expect.any(String), argumentHint: expect.any(String) });
    expect(parsed.models[0]).toMatchObject({ value: "default", displayName: "Default (recommended)" });
    if (name.endsWith("v21119")) expect(parsed.account).toEqual({ tokenSource: "none", apiKeySource: "ANTHROPIC_API_KEY", apiProvider: "firstParty" });
  });

  it("tolerates garbage", () => {
    expect(parseInitializeResponse(null)).toEqual({ commands: [], models: [], account: null });
    expect(parseInitializeResponse({ commands: [1, { name: "x" }], models: [{ value: "m" }] })).toEqual({
      commands: [{ name: "x", description: "", argumentHint: "" }],
      models: [{ value: "m", displayName: "m", description: "" }],
      account: null,
    });
  });
});

import { describe, expect, it } from "vitest";
import type { ConversationId, SessionId, TerminalId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { PermissionRequest } from "../../../shared/protocol/model.ts";
import { ApprovalBroker } from "./approval-broker.ts";
import { ApprovalMirror } from "./approval-mirror.ts";

const TERMINAL = "trm_mirror-test" as TerminalId;
const CONVERSATION = "cnv_mirror-test" as ConversationId;
const QUESTION = { question: "Which color do you prefer?", header: "Color", multiSelect: false, options: [{ label: "Red", description: "A warm color" }, { label: "Blue", description: "A cool color" }] };
/** What 2.1.330 sends with a Bash prompt (checked with the real CLI). */
const ADD_DIRECTORY = { type: "addDirectories", directories: ["/tmp/project"], destination: "session" };
const ADD_RULE = { type: "addRules", rules: [{ toolName: "Bash", ruleContent: "npm test:*" }], behavior: "ask", destination: "localSettings" };

function setup() {
  const broker = new ApprovalBroker(() => 1000);
  const secret = ApprovalBroker.newSecret();
  broker.register(TERMINAL, "ses_mirror-test" as SessionId, secret);
  const events: DomainEvent[] = [];
  /** What the conversation waits for, per pending request (as the status row says it). */
  const waitingFor = new Map<string, string>();
  const mirror = new ApprovalMirror({
    broker,
    linkOf: () => ({ conversationId: CONVERSATION, sink: { add: (e) => events.push(...e), flush: () => undefined } }),
    setPending: (terminalId, requestId, reason) => {
      expect(terminalId).toBe(TERMINAL);
      if (reason === null) waitingFor.delete(requestId);
      else waitingFor.set(requestId, reason);
    },
  });
  const requested = () => events.flatMap((e) => (e.type === "permission.requested" ? [e.request as PermissionRequest] : []));
  return { broker, secret, mirror, events, requested, waitingFor };
}

describe("approval mirror", () => {
  it("turns the TUI's AskUserQuestion into a question card whose answers go back in the hook's updatedInput", async () => {
    const { secret, broker, mirror, requested, waitingFor } = setup();
    const decision = broker.request(secret, { tool_name: "AskUserQuestion", tool_input: { questions: [QUESTION] } });
    const [request] = requested();
    expect([...waitingFor.values()]).toEqual(["Asks you a question"]);
    expect(request).toMatchObject({ kind: "question", questions: [{ question: QUESTION.question, options: [{ label: "Red" }, { label: "Blue" }] }], suggestions: [] });
    // A question waits far longer than a tool prompt: the user has to answer it anyway.
    expect(broker.list()[0]!.expiresAt - 1000).toBeGreaterThan(10 * 60_000);
    mirror.answer(request!.id, { decision: "allow", answers: { [QUESTION.question]: "Blue" } });
    expect(await decision).toEqual({ behavior: "allow", updatedInput: { questions: [QUESTION], answers: { [QUESTION.question]: "Blue" } } });
    expect(waitingFor.size).toBe(0);
  });

  it("turns ExitPlanMode into a plan card; approving with accept-edits sets the TUI's mode, keep planning sends the feedback", async () => {
    const { secret, broker, mirror, requested, waitingFor } = setup();
    const approved = broker.request(secret, { tool_name: "ExitPlanMode", tool_input: { plan: "# Plan\n1. Do it\n" } });
    const [plan] = requested();
    expect([...waitingFor.values()]).toEqual(["Waits for you to approve a plan"]);
    expect(plan).toMatchObject({ kind: "plan", plan: "# Plan\n1. Do it\n" });
    mirror.answer(plan!.id, { decision: "allow", switchMode: "acceptEdits" });
    expect(await approved).toEqual({ behavior: "allow", updatedInput: { plan: "# Plan\n1. Do it\n" }, updatedPermissions: [{ type: "setMode", mode: "acceptEdits", destination: "session" }] });
    const kept = broker.request(secret, { tool_name: "ExitPlanMode", tool_input: { plan: "x" } });
    mirror.answer(requested()[1]!.id, { decision: "deny", message: "Use two steps" });
    expect(await kept).toEqual({ behavior: "deny", message: "Use two steps" });
  });

  it("passes the TUI's always-allow suggestions on, and Always allow returns them as the CLI's own permission updates", async () => {
    const { secret, broker, mirror, requested, waitingFor } = setup();
    const decision = broker.request(secret, { tool_name: "Bash", tool_input: { command: "npm test" }, permission_suggestions: [ADD_DIRECTORY, ADD_RULE] });
    const [request] = requested();
    expect([...waitingFor.values()]).toEqual(["Asks to run Bash"]);
    expect(request).toMatchObject({ kind: "tool", suggestions: [{ id: "0", label: "Allow access to /tmp/project for this session" }, { id: "1", label: "Add the ask rule Bash(npm test:*) for this project" }] });
    expect(JSON.stringify(request)).not.toContain("addDirectories");
    mirror.answer(request!.id, { decision: "allow", rememberSuggestionIds: ["0", "1", "7"] });
    expect(await decision).toEqual({ behavior: "allow", updatedInput: { command: "npm test" }, updatedPermissions: [ADD_DIRECTORY, { ...ADD_RULE, behavior: "allow" }] });
  });

  it("says a request answered elsewhere is no longer pending", async () => {
    const { secret, broker, mirror, requested, events } = setup();
    const decision = broker.request(secret, { tool_name: "Bash", tool_input: { command: "ls" } });
    const id = requested()[0]!.id;
    mirror.answer(id, { decision: "deny" });
    expect(await decision).toMatchObject({ behavior: "deny" });
    expect(events.at(-1)).toMatchObject({ type: "permission.resolved", requestId: id, outcome: "denied" });
    expect(() => mirror.answer(id, { decision: "allow" })).toThrow(/already answered/);
  });

  it("takes the card away once the TUI's own prompt was answered: only the call the TUI went past, then the rest at its turn's end", async () => {
    const { secret, broker, requested, events, waitingFor } = setup();
    const bash = broker.request(secret, { tool_name: "Bash", tool_input: { command: "ls" } });
    const edit = broker.request(secret, { tool_name: "Edit", tool_input: { file_path: "a.txt" } });
    const [bashRequest, editRequest] = requested();
    // Another call of the same tool, or another terminal, is not this prompt.
    broker.answeredInTerminal(TERMINAL, { call: { toolName: "Bash", input: { command: "pwd" } } });
    broker.answeredInTerminal("trm_other" as TerminalId, { turnEndedAt: null });
    expect(broker.list()).toHaveLength(2);
    broker.answeredInTerminal(TERMINAL, { call: { toolName: "Bash", input: { command: "ls" } } });
    expect(await bash).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: "permission.resolved", requestId: bashRequest!.id, outcome: "cancelled", message: "Answered in the terminal." });
    expect([...waitingFor.keys()]).toEqual([editRequest!.id]);
    broker.answeredInTerminal(TERMINAL, { turnEndedAt: null });
    expect(await edit).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: "permission.resolved", requestId: editRequest!.id, message: "Answered in the terminal." });
    expect(broker.list()).toEqual([]);
    expect(waitingFor.size).toBe(0);
  });
});

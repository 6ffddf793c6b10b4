import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Message } from "../../../shared/protocol/model.ts";
import { assistantMessage, notice, openTempDb, seedConversation, textPart, toolPart, type TempDb } from "../../persistence/test-support.ts";
import { historyPage, PAGE_RESULT_CHARS } from "./history-page.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

function seed(count: number) {
  const { conversation } = seedConversation(t.repos);
  for (let i = 0; i < count; i++) {
    const message: Message = { ...assistantMessage([textPart(`m${i}`)]), createdAt: 100 + i * 10 };
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }, notice(`after m${i}`)], 105 + i * 10);
  }
  return t.repos.conversations.get(conversation.id)!;
}

describe("history pages", () => {
  it("serves the newest page with its markers and lastSeq, then older pages by cursor", () => {
    const conversation = seed(10);
    const first = historyPage(t.repos, conversation, { limit: 4 });
    expect(first.messages.map((m) => (m.parts[0] as { text: string }).text)).toEqual(["m6", "m7", "m8", "m9"]);
    expect(first.markers.map((e) => (e.event as { text: string }).text)).toEqual(["after m6", "after m7", "after m8", "after m9"]);
    expect(first.lastSeq).toBe(20);
    const second = historyPage(t.repos, conversation, { limit: 4, before: first.nextBeforePosition! });
    expect(second.messages.map((m) => (m.parts[0] as { text: string }).text)).toEqual(["m2", "m3", "m4", "m5"]);
    expect(second.markers).toHaveLength(4);
    const last = historyPage(t.repos, conversation, { limit: 4, before: second.nextBeforePosition! });
    expect(last.nextBeforePosition).toBeNull();
    expect(last.markers.map((e) => (e.event as { text: string }).text)).toEqual(["after m0", "after m1"]);
  });

  it("names when the newest prompt was made on the first page, however many of the turn's messages came after it", () => {
    const { conversation } = seedConversation(t.repos);
    const user = (parts: Message["parts"], parentToolUseId: string | null = null): Message => ({ ...assistantMessage(parts), role: "user", parentToolUseId, createdAt: 0 });
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: { ...user([textPart("first")]), createdAt: 100 } }], 100);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: { ...user([textPart("go on")]), createdAt: 500 } }], 500);
    for (let i = 0; i < 6; i++) {
      const call = toolPart(`toolu_${i}`);
      t.repos.events.appendBatch(conversation.id, [
        { type: "message.created", message: { ...assistantMessage([call]), createdAt: 600 + i * 10 } },
        // A tool's result and a sub-agent's prompt come as the user's role: neither begins a turn.
        { type: "message.created", message: { ...user([{ ...toolPart(`toolu_result_${i}`), status: "completed", result: { text: "ok", isError: false, isTruncated: false } }]), createdAt: 605 + i * 10 } },
        { type: "message.created", message: { ...user([textPart("sub-agent task")], `toolu_${i}`), createdAt: 606 + i * 10 } },
      ], 600 + i * 10);
    }
    const first = historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 4 });
    expect(first.messages.some((m) => m.createdAt === 500)).toBe(false);
    expect(first.promptAt).toBe(500);
    expect(historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 4, before: first.nextBeforePosition! }).promptAt).toBeNull();
    expect(historyPage(t.repos, seedConversation(t.repos, "/tmp/other").conversation, { limit: 4 }).promptAt).toBeNull();
  });

  it("cuts large tool results and serves the full part on demand", () => {
    const { conversation } = seedConversation(t.repos);
    const tool = { ...toolPart("toolu_big"), status: "completed" as const, result: { text: "y".repeat(50_000), isError: false, isTruncated: false } };
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([tool]) }], 1);
    const page = historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 10 });
    const part = page.messages[0]?.parts[0];
    expect(part?.kind === "tool" && part.result?.text.length).toBe(PAGE_RESULT_CHARS);
    expect(part?.kind === "tool" && part.result?.isTruncated).toBe(true);
    const full = t.repos.messages.part(conversation.id, tool.id);
    expect(full?.kind === "tool" && full.result?.text.length).toBe(50_000);
  });

  it("gives the state of the first page from the newest events and the latest todo list", () => {
    const { conversation } = seedConversation(t.repos);
    const todo = { ...toolPart("toolu_todo", { todos: [{ content: "a", status: "pending", activeForm: "A" }] }), name: "TodoWrite" };
    t.repos.events.appendBatch(conversation.id, [
      { type: "cli.status.changed", status: null, permissionMode: "plan" },
      { type: "message.created", message: assistantMessage([todo]) },
      { type: "cli.status.changed", status: null, permissionMode: "acceptEdits" },
    ], 1);
    const page = historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 10 });
    expect(page.state.map((e) => e.event)).toEqual([{ type: "cli.status.changed", status: null, permissionMode: "acceptEdits" }]);
    expect(page.todoCalls.map((c) => c.toolUseId)).toEqual(["toolu_todo"]);
  });

  it("gives a device that opens the conversation after a 429 the last retry's wait and the account's limit", () => {
    const { conversation } = seedConversation(t.repos);
    const retry = (attempt: number, delayMs: number) => ({ type: "api.retrying" as const, attempt, maxRetries: 2, delayMs, errorStatus: 429, error: "rate_limit" });
    const limit = { type: "rate_limit.updated" as const, status: "rejected", resetsAt: 9_000, limitType: "five_hour", utilization: null };
    const turn = { type: "turn.completed" as const, isError: true, subtype: "success", resultText: "API Error", errors: [], totalCostUsd: null, usage: null, numTurns: null, durationMs: null, durationApiMs: null, terminalReason: null, apiErrorStatus: 429 };
    t.repos.events.appendBatch(conversation.id, [retry(1, 1_000), limit], 1_000);
    t.repos.events.appendBatch(conversation.id, [retry(2, 2_000)], 2_000);
    t.repos.events.appendBatch(conversation.id, [turn], 4_000);
    const page = historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 10 });
    expect(page.state.map(({ at, event }) => [event.type, at])).toEqual([["rate_limit.updated", 1_000], ["api.retrying", 2_000], ["turn.completed", 4_000]]);
    expect(page.state[1]?.event).toEqual(retry(2, 2_000));
  });

  it("skips a failed todo list call: the list before it still holds", () => {
    const { conversation } = seedConversation(t.repos);
    const good = { ...toolPart("toolu_good", { todos: [{ content: "a", status: "pending", activeForm: "A" }] }), name: "TodoWrite", status: "completed" as const };
    const failed = { ...toolPart("toolu_bad", { todos: [{ content: "junk", status: "pending", activeForm: "J" }] }), name: "TodoWrite", status: "failed" as const, result: { text: "InputValidationError", isError: true, isTruncated: false } };
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([good]) }, { type: "message.created", message: assistantMessage([failed]) }], 1);
    const page = historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 10 });
    expect(page.todoCalls.map((c) => c.toolUseId)).toEqual(["toolu_good"]);
  });

  it("gives the Task tool calls after the newest TodoWrite, oldest first", () => {
    const { conversation } = seedConversation(t.repos);
    const call = (id: string, name: string, input: Record<string, unknown>) => ({ ...toolPart(id, input), name, status: "completed" as const });
    const older = call("toolu_old", "TaskCreate", { subject: "Before the list" });
    const list = call("toolu_list", "TodoWrite", { todos: [] });
    const create = call("toolu_create", "TaskCreate", { subject: "Ship" });
    const done = call("toolu_done", "TaskUpdate", { taskId: "1", status: "completed" });
    const events = [older, list, create, done].map((part) => ({ type: "message.created" as const, message: assistantMessage([part]) }));
    t.repos.events.appendBatch(conversation.id, events, 1);
    const page = historyPage(t.repos, t.repos.conversations.get(conversation.id)!, { limit: 10 });
    expect(page.todoCalls.map((c) => c.toolUseId)).toEqual(["toolu_list", "toolu_create", "toolu_done"]);
  });
});

// @vitest-environment jsdom
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { MessageId, PartId } from "../../../../../shared/index.ts";
import { emptyView, type ConversationView, type ViewMessage, type ViewPart } from "../../../protocol/conversation-view.ts";
import { useTasks } from "./use-tasks.ts";

const todoCall = (id: string, content: string, failed: boolean): ViewPart => ({
  id: id as PartId, kind: "tool", toolUseId: id, name: "TodoWrite", input: { todos: [{ content, status: "pending", activeForm: content }] },
  status: failed ? "failed" : "completed", result: { text: failed ? "InputValidationError" : "ok", isError: failed, isTruncated: false },
  startedAt: 1, endedAt: 2, isStreaming: false, inputDraft: "",
});

function viewOf(parts: ViewPart[]): ConversationView {
  const messages: ConversationView["messages"] = {};
  const items: ConversationView["items"] = [];
  parts.forEach((part, i) => {
    const id = `msg_${i}` as MessageId;
    const message: ViewMessage = { id, role: "assistant", parentToolUseId: null, model: null, createdAt: i, parts: [part], isPlaceholder: false };
    messages[id] = message;
    items.push({ kind: "message", id });
  });
  return { ...emptyView(), messages, items };
}

describe("the tasks panel's list", () => {
  it("ignores a failed TodoWrite and keeps the list before it", () => {
    const { result } = renderHook(() => useTasks(viewOf([todoCall("t1", "Real task", false), todoCall("t2", "Rejected list", true)])));
    expect(result.current.todos.map((t) => t.content)).toEqual(["Real task"]);
  });

  it("is empty when the only TodoWrite failed", () => {
    const { result } = renderHook(() => useTasks(viewOf([todoCall("t2", "Rejected list", true)])));
    expect(result.current.todos).toEqual([]);
  });

  it("takes history's Task calls that are not loaded before the loaded ones", () => {
    const taskCall = (id: string, name: string, input: Record<string, unknown>, text: string): ViewPart => ({
      id: id as PartId, kind: "tool", toolUseId: id, name, input, status: "completed", result: { text, isError: false, isTruncated: false },
      startedAt: 1, endedAt: 2, isStreaming: false, inputDraft: "",
    });
    const create = taskCall("c1", "TaskCreate", { subject: "Ship" }, "Task #1 created successfully: Ship");
    const update = taskCall("u1", "TaskUpdate", { taskId: "1", status: "in_progress" }, "Updated task #1 status");
    const { isStreaming: _s, inputDraft: _d, ...stored } = create as Extract<ViewPart, { kind: "tool" }>;
    const view = { ...viewOf([update]), historyTodos: [stored] };
    const { result } = renderHook(() => useTasks(view));
    expect(result.current.todos).toEqual([{ content: "Ship", status: "in_progress", activeForm: null }]);
  });
});

import { describe, expect, it } from "vitest";
import { todosFromCalls } from "./task-list.ts";

type Call = Parameters<typeof todosFromCalls>[0][number];
let n = 0;
const call = (name: string, input: Record<string, unknown>, resultText: string | null = "ok", isError = false): Call => ({
  toolUseId: `toolu_${++n}`,
  name,
  input,
  status: resultText === null ? "running" : isError ? "failed" : "completed",
  result: resultText === null ? null : { text: resultText, isError, isTruncated: false },
});
const create = (number: number, subject: string, activeForm?: string) => call("TaskCreate", { subject, description: subject, activeForm }, `Task #${number} created successfully: ${subject}`);

describe("todosFromCalls", () => {
  it("builds the list from TaskCreate and TaskUpdate the way TodoWrite does", () => {
    const todos = todosFromCalls([
      create(1, "Write the code", "Writing the code"),
      create(2, "Test the code", "Testing the code"),
      create(3, "Ship it"),
      call("TaskUpdate", { taskId: "1", status: "completed" }, "Updated task #1 status"),
      call("TaskUpdate", { taskId: "2", status: "in_progress" }, "Updated task #2 status"),
      call("TaskUpdate", { taskId: "3", subject: "Ship it today" }, "Updated task #3 subject"),
      call("TaskList", {}, "#1 [completed] Write the code"),
    ]);
    expect(todos).toEqual([
      { content: "Write the code", status: "completed", activeForm: "Writing the code" },
      { content: "Test the code", status: "in_progress", activeForm: "Testing the code" },
      { content: "Ship it today", status: "pending", activeForm: null },
    ]);
  });

  it("removes a deleted task, ignores failed calls and unknown ids, and shows a create still running", () => {
    const todos = todosFromCalls([
      create(1, "Keep"),
      create(2, "Drop"),
      call("TaskUpdate", { taskId: "2", status: "deleted" }),
      call("TaskUpdate", { taskId: "1", status: "completed" }, "<tool_use_error>boom</tool_use_error>", true),
      call("TaskUpdate", { taskId: "9", status: "completed" }),
      call("TaskCreate", { subject: "Coming" }, null),
    ]);
    expect(todos.map((t) => [t.content, t.status])).toEqual([["Keep", "pending"], ["Coming", "pending"]]);
  });

  it("lets a TodoWrite replace the whole list", () => {
    const list = { todos: [{ content: "Only this", status: "in_progress", activeForm: "Doing only this" }] };
    expect(todosFromCalls([create(1, "Old"), call("TodoWrite", list)])).toEqual([{ content: "Only this", status: "in_progress", activeForm: "Doing only this" }]);
  });
});

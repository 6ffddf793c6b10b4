import type { ToolPart } from "../../../../../shared/index.ts";
import { isDict } from "../tools/tool-summary.ts";
import { todosOf, type Todo } from "./todo-list.tsx";

/** The tools whose calls make up the todo list: TodoWrite (a whole list), or the Task tools that replace it. */
export const TODO_TOOL_NAMES = ["TodoWrite", "TaskCreate", "TaskUpdate"] as const;

type TodoCall = Pick<ToolPart, "toolUseId" | "name" | "input" | "status" | "result">;

/**
 * The current todo list from its tool calls, oldest first: a TodoWrite replaces the list; TaskCreate adds a task
 * (numbered as the CLI's result says); TaskUpdate changes one (`deleted` removes it). A failed call changed nothing.
 * @example todosFromCalls([{ name: "TaskCreate", input: { subject: "Ship" }, result: { text: "Task #1 created successfully: Ship" }, … }])
 */
export function todosFromCalls(calls: readonly TodoCall[]): Todo[] {
  let tasks = new Map<string, Todo>();
  for (const call of calls) {
    if (call.status === "failed" || call.result?.isError === true || !isDict(call.input)) continue;
    if (call.name === "TodoWrite") tasks = new Map(todosOf(call.input).map((todo, i) => [`list-${i}`, todo]));
    else if (call.name === "TaskCreate") tasks.set(createdId(call), created(call.input));
    else if (call.name === "TaskUpdate") update(tasks, call.input);
  }
  return [...tasks.values()];
}

/** The CLI numbers tasks itself ("Task #3 created successfully: …"); before its result the call stands in. */
function createdId(call: TodoCall): string {
  const number = /Task #(\S+?) created/.exec(call.result?.text ?? "")?.[1];
  return number ?? `call-${call.toolUseId}`;
}

function created(input: Record<string, unknown>): Todo {
  const content = text(input.subject) ?? text(input.description) ?? "Task";
  return { content, status: "pending", activeForm: text(input.activeForm) };
}

function update(tasks: Map<string, Todo>, input: Record<string, unknown>): void {
  const id = input.taskId === undefined ? null : String(input.taskId);
  const task = id === null ? undefined : tasks.get(id);
  if (id === null || !task) return;
  if (input.status === "deleted") return void tasks.delete(id);
  const status = input.status === "pending" || input.status === "in_progress" || input.status === "completed" ? input.status : task.status;
  tasks.set(id, { content: text(input.subject) ?? task.content, status, activeForm: text(input.activeForm) ?? task.activeForm });
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

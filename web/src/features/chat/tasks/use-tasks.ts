import { useMemo } from "react";
import type { ConversationView, TaskInfo } from "../../../protocol/conversation-view.ts";
import { isDict } from "../tools/tool-summary.ts";
import { todosOf, type Todo } from "./todo-list.tsx";

/** The current todo list (newest TodoWrite, or the TaskCreate/TaskUpdate tools) and the sub-agents of the conversation. */
export function useTasks(view: ConversationView): { todos: Todo[]; agents: TaskInfo[] } {
  return useMemo(() => ({ todos: currentTodos(view), agents: Object.values(view.tasks) }), [view]);
}

function currentTodos(view: ConversationView): Todo[] {
  const created: Todo[] = [];
  for (let i = view.items.length - 1; i >= 0; i--) {
    const item = view.items[i];
    const message = item?.kind === "message" ? view.messages[item.id] : undefined;
    if (!message) continue;
    for (let j = message.parts.length - 1; j >= 0; j--) {
      const part = message.parts[j];
      // A failed call (the CLI rejected the list) changed nothing: look further back.
      if (part?.kind !== "tool" || part.isStreaming || part.status === "failed" || part.result?.isError === true) continue;
      if (part.name === "TodoWrite") return todosOf(part.input);
      if (part.name === "TaskCreate" && isDict(part.input)) created.unshift(fromTaskCreate(part.input, part.status === "completed"));
    }
  }
  if (created.length > 0) return created;
  return view.historyTodos ? todosOf(view.historyTodos.input) : [];
}

function fromTaskCreate(input: Record<string, unknown>, _isDone: boolean): Todo {
  return { content: String(input.subject ?? input.description ?? "Task"), status: "pending", activeForm: typeof input.activeForm === "string" ? input.activeForm : null };
}

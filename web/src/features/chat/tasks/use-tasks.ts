import { useMemo } from "react";
import type { ToolPart } from "../../../../../shared/index.ts";
import type { ConversationView, TaskInfo } from "../../../protocol/conversation-view.ts";
import { TODO_TOOL_NAMES, todosFromCalls } from "./task-list.ts";
import type { Todo } from "./todo-list.tsx";

const TODO_TOOLS: ReadonlySet<string> = new Set(TODO_TOOL_NAMES);

/** The current todo list (TodoWrite, or the TaskCreate/TaskUpdate tools) and the sub-agents of the conversation. */
export function useTasks(view: ConversationView): { todos: Todo[]; agents: TaskInfo[] } {
  return useMemo(() => ({ todos: currentTodos(view), agents: Object.values(view.tasks) }), [view]);
}

/** History's calls that are not loaded (older than every loaded message), then the loaded ones in order. */
function currentTodos(view: ConversationView): Todo[] {
  const loaded: ToolPart[] = [];
  for (const item of view.items) {
    const message = item.kind === "message" ? view.messages[item.id] : undefined;
    for (const part of message?.parts ?? []) {
      if (part.kind === "tool" && !part.isStreaming && TODO_TOOLS.has(part.name)) loaded.push(part);
    }
  }
  const loadedIds = new Set(loaded.map((part) => part.toolUseId));
  return todosFromCalls([...view.historyTodos.filter((part) => !loadedIds.has(part.toolUseId)), ...loaded]);
}

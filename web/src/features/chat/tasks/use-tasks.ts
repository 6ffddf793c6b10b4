import { useMemo } from "react";
import type { ToolPart } from "../../../../../shared/index.ts";
import type { ConversationView, TaskInfo } from "../../../protocol/conversation-view.ts";
import { TODO_TOOL_NAMES, todosFromCalls } from "./task-list.ts";
import type { Todo } from "./todo-list.tsx";

const TODO_TOOLS: ReadonlySet<string> = new Set(TODO_TOOL_NAMES);

/**
 * The current todo list (TodoWrite, or the TaskCreate/TaskUpdate tools), the sub-agents and background tasks of the
 * conversation, and how many of those still run (the header's Tasks button shows it while the panel is closed).
 */
export function useTasks(view: ConversationView): { todos: Todo[]; agents: TaskInfo[]; running: number } {
  return useMemo(() => {
    const agents = Object.values(view.tasks);
    return { todos: currentTodos(view), agents, running: agents.filter((a) => a.status === "running").length };
  }, [view]);
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

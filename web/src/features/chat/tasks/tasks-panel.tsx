import { CloseIcon } from "../../../components/icons.tsx";
import type { ConversationId } from "../../../../../shared/index.ts";
import type { TaskInfo } from "../../../protocol/conversation-view.ts";
import { TodoList, type Todo } from "./todo-list.tsx";
import { AgentList } from "./agent-list.tsx";
import { useStopTask } from "./use-stop-task.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** The todo list, sub-agents and background tasks, live: a side column on wide screens, a bottom sheet on phones. */
export function TasksPanel({ conversationId, todos, agents, onClose }: { conversationId: ConversationId; todos: Todo[]; agents: TaskInfo[]; onClose: () => void }) {
  const stopper = useStopTask(conversationId);
  const done = todos.filter((t) => t.status === "completed").length;
  return (
    <aside aria-label="Tasks panel" className="fixed inset-x-0 bottom-0 z-30 max-h-[70dvh] overflow-y-auto rounded-t-2xl border-t border-stone-200 bg-white p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-2xl lg:static lg:z-auto lg:max-h-none lg:w-72 lg:shrink-0 lg:rounded-none lg:border-l lg:border-t-0 lg:shadow-none dark:border-stone-800 dark:bg-stone-950">
      <div className="mb-2 flex items-center gap-2">
        <h2 className="flex-1 text-sm font-semibold">Tasks{todos.length > 0 ? `${DOT}${done}/${todos.length}` : ""}</h2>
        <button type="button" aria-label="Close tasks" onClick={onClose} className="inline-flex size-11 items-center justify-center rounded-lg hover:bg-stone-100 dark:hover:bg-stone-800">
          <CloseIcon className="size-4" />
        </button>
      </div>
      <TodoList todos={todos} />
      <AgentList agents={agents} stopper={stopper} />
    </aside>
  );
}

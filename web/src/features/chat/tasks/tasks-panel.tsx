import { useRef, type ReactNode } from "react";
import { CloseIcon } from "../../../components/icons.tsx";
import type { ConversationId } from "../../../../../shared/index.ts";
import type { TaskInfo } from "../../../protocol/conversation-view.ts";
import { keepTabInside, useModalFocus } from "../../../lib/focus-layer.ts";
import { useMediaQuery } from "../../../lib/use-media-query.ts";
import { TodoList, type Todo } from "./todo-list.tsx";
import { AgentList } from "./agent-list.tsx";
import { useStopTask } from "./use-stop-task.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** Where the panel is a side column beside the conversation (Tailwind `lg`), not a sheet over it. */
const COLUMN_QUERY = "(min-width: 1024px)";
const LOOK = "border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-950";

/** The todo list, sub-agents and background tasks, live: a side column on wide screens, a bottom sheet on phones. */
export function TasksPanel({ conversationId, todos, agents, onClose }: { conversationId: ConversationId; todos: Todo[]; agents: TaskInfo[]; onClose: () => void }) {
  const stopper = useStopTask(conversationId);
  const isColumn = useMediaQuery(COLUMN_QUERY);
  const done = todos.filter((t) => t.status === "completed").length;
  const body = (
    <>
      <div className="mb-2 flex items-center gap-2">
        <h2 className="flex-1 text-sm font-semibold">Tasks{todos.length > 0 ? `${DOT}${done}/${todos.length}` : ""}</h2>
        <button type="button" aria-label="Close tasks" onClick={onClose} className="inline-flex size-11 items-center justify-center rounded-lg hover:bg-stone-100 dark:hover:bg-stone-800">
          <CloseIcon className="size-4" />
        </button>
      </div>
      <TodoList todos={todos} />
      <AgentList agents={agents} stopper={stopper} />
    </>
  );
  if (isColumn) return <aside aria-label="Tasks panel" className={`w-72 shrink-0 overflow-y-auto border-l ${LOOK}`}>{body}</aside>;
  return <TasksSheet>{body}</TasksSheet>;
}

/**
 * On a phone the panel covers the conversation, so it holds the keyboard as the session controls do: opened from the
 * keyboard, focus stayed on the header button and Tab went on behind the sheet; closing it gives focus back.
 */
function TasksSheet({ children }: { children: ReactNode }) {
  const sheet = useRef<HTMLDivElement>(null);
  useModalFocus(sheet);
  return (
    <div ref={sheet} role="dialog" aria-label="Tasks panel" tabIndex={-1} onKeyDown={keepTabInside} className={`fixed inset-x-0 bottom-0 z-30 max-h-[70dvh] overflow-y-auto rounded-t-2xl border-t pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-2xl outline-none ${LOOK}`}>
      {children}
    </div>
  );
}

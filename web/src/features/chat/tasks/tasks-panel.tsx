import { useRef, type ReactNode } from "react";
import { CloseIcon } from "../../../components/icons.tsx";
import type { ConversationId } from "../../../../../shared/index.ts";
import type { TaskInfo } from "../../../protocol/conversation-view.ts";
import { useModalFocus } from "../../../lib/focus-layer.ts";
import { useMediaQuery } from "../../../lib/use-media-query.ts";
import { TodoList, type Todo } from "./todo-list.tsx";
import { AgentList } from "./agent-list.tsx";
import { useStopTask } from "./use-stop-task.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** Where the panel is a side column beside the conversation (Tailwind `lg`), not a panel above the composer. */
export const TASKS_COLUMN_QUERY = "(min-width: 1024px)";
const LOOK = "border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-950";

/**
 * The todo list, sub-agents and background tasks, live: a side column on wide screens; on phones a panel the chat
 * screen puts between the timeline and the composer (ADR 0324).
 */
export function TasksPanel({ conversationId, todos, agents, onClose }: { conversationId: ConversationId; todos: Todo[]; agents: TaskInfo[]; onClose: () => void }) {
  const stopper = useStopTask(conversationId);
  const isColumn = useMediaQuery(TASKS_COLUMN_QUERY);
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
  return <TasksDock>{body}</TasksDock>;
}

/**
 * On a phone the panel takes the timeline's lower part and leaves the composer free: a sheet over the screen's foot
 * covered the Send button, so the list could not be watched while writing the next message (ADR 0324). Nothing is
 * behind it, so Tab goes on to the composer; it takes focus when opened from the keyboard and gives it back when closed.
 */
function TasksDock({ children }: { children: ReactNode }) {
  const dock = useRef<HTMLElement>(null);
  useModalFocus(dock);
  return (
    <section ref={dock} aria-label="Tasks panel" tabIndex={-1} className={`max-h-[40dvh] shrink-0 overflow-y-auto border-t shadow-[0_-4px_12px_-8px_rgb(0_0_0/0.25)] outline-none ${LOOK}`}>
      {children}
    </section>
  );
}

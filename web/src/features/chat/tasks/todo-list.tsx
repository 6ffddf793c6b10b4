import { isDict } from "../tools/tool-summary.ts";

/** One todo item as TodoWrite writes it. */
export interface Todo {
  content: string;
  status: "pending" | "in_progress" | "completed";
  activeForm: string | null;
}

/** The todos of a TodoWrite input, tolerant of odd shapes. */
export function todosOf(input: unknown): Todo[] {
  if (!isDict(input) || !Array.isArray(input.todos)) return [];
  return input.todos.filter(isDict).map((t) => ({
    content: String(t.content ?? ""),
    status: t.status === "completed" || t.status === "in_progress" ? t.status : "pending",
    activeForm: typeof t.activeForm === "string" ? t.activeForm : null,
  }));
}

const MARK: Record<Todo["status"], string> = { completed: "☑", in_progress: "◐", pending: "☐" };

/** A checklist: done items struck through, the current one emphasised. */
export function TodoList({ todos }: { todos: Todo[] }) {
  if (todos.length === 0) return <p className="px-1 text-xs text-stone-500">No tasks.</p>;
  return (
    <ul aria-label="Tasks" className="space-y-1 px-1 text-sm">
      {todos.map((t, i) => (
        <li key={i} data-status={t.status} className="flex gap-2">
          <span aria-hidden="true" className={t.status === "in_progress" ? "text-accent" : "text-stone-400"}>{MARK[t.status]}</span>
          <span className={t.status === "completed" ? "text-stone-500 line-through" : t.status === "in_progress" ? "font-medium" : ""}>
            {t.status === "in_progress" && t.activeForm ? t.activeForm : t.content}
            <span className="sr-only"> ({t.status.replace("_", " ")})</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

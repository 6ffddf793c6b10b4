import type { DetailsProps } from "./tool-details.tsx";
import { todosOf, TodoList } from "../tasks/todo-list.tsx";

/** TodoWrite: the list as it was written. */
export function TodoDetails({ part }: DetailsProps) {
  return <TodoList todos={todosOf(part.input)} />;
}

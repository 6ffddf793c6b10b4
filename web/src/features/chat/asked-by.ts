import type { TaskInfo } from "../../protocol/conversation-view.ts";

/**
 * Who asked, when a sub-agent did: the CLI's `agent_id` on a permission request is the task id of the agent that
 * runs (task_started), so the card can name it — and say when it runs in the background.
 * @example askedBy("a1", { toolu_1: { taskId: "a1", description: "Run the tests", isBackground: true, … } }) // "background agent “Run the tests”"
 */
export function askedBy(agentId: string | null, tasks: Record<string, TaskInfo>): string | null {
  if (!agentId) return null;
  const task = Object.values(tasks).find((t) => t.taskId === agentId);
  if (!task) return "sub-agent";
  const kind = task.isBackground ? "background agent" : "sub-agent";
  return task.description ? `${kind} “${task.description}”` : kind;
}

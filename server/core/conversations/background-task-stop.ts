import type { ConversationId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";

type Control = (conversationId: ConversationId, subtype: string, fields: Record<string, unknown>) => Promise<unknown>;

/**
 * Stops one background task (a Bash call with `run_in_background`, a background agent) with the CLI's `stop_task`
 * control request. 2.1.119, 2.1.330 and 2.1.332 all have it; the CLI then reports the task stopped (`task_updated`
 * killed, `task_notification` stopped), which is what the tasks panel shows. A CLI without it refuses with its own
 * message ("Unsupported control request subtype"), said as is; without a running CLI no task is left to stop.
 */
export async function stopBackgroundTask(control: Control, conversationId: ConversationId, taskId: string): Promise<{ ok: true }> {
  const answer = await control(conversationId, "stop_task", { task_id: taskId });
  if (answer === null) throw new AppError("cli_unavailable", "Claude Code is not running in this conversation, so none of its background tasks is running either.");
  return { ok: true };
}

import type { ConversationId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { stopLeftover } from "../../claude/process-guard.ts";
import type { Repositories } from "../../persistence/repositories.ts";

export type RecoveryDeps = { repos: Repositories; now: () => number };

/**
 * After a restart no conversation has a live process: first whatever is left of the CLIs an earlier run launched is
 * stopped (before anything could resume their sessions), then what was live becomes idle with a notice, open requests are
 * cancelled, a reply whose stream was cut (last stored as a `streaming` checkpoint) is marked interrupted, so history
 * shows what was streamed before the crash, and its running tool calls and tasks end. The next message resumes each
 * with `--resume`. The server listens only after this (server/main.ts), so no answer says a dead turn runs.
 */
export async function recoverConversations(deps: RecoveryDeps): Promise<void> {
  const byConversation = new Map<ConversationId, DurableEvent[]>();
  const add = (id: ConversationId, ...events: DurableEvent[]) => byConversation.set(id, [...(byConversation.get(id) ?? []), ...events]);
  for (const [conversationId, stopped] of await stopLeftoverProcesses(deps.repos)) {
    add(conversationId, {
      type: "notice",
      level: "warning",
      text: `ChatML stopped ${stopped === 1 ? "a process" : `${stopped} processes`} of this conversation left running from before the restart.`,
    });
  }
  for (const { conversationId, request } of deps.repos.pendingPermissions.listAll()) {
    add(conversationId, { type: "permission.resolved", requestId: request.id, outcome: "cancelled", message: "ChatML restarted" });
  }
  for (const conversation of deps.repos.conversations.listActive()) {
    add(conversation.id, ...interruptedParts(deps.repos, conversation.id, deps.now()), ...stoppedTasks(deps.repos, conversation.id), {
      type: "notice",
      level: "info",
      text: "ChatML restarted; your next message resumes this conversation.",
    });
    add(conversation.id, { type: "conversation.status.changed", status: "idle", reason: null });
  }
  for (const [conversationId, events] of byConversation) deps.repos.events.appendBatch(conversationId, events, deps.now());
}

/** Parts the crash left unfinished: a checkpointed stream and a running tool call are marked interrupted. */
function interruptedParts(repos: Repositories, conversationId: ConversationId, now: number): DurableEvent[] {
  return repos.messages.unfinishedParts(conversationId).map(({ messageId, part }): DurableEvent => {
    // Interrupted, as a process that exits marks its running tools (failRunningTools): the call was cut short, not broken.
    if (part.kind === "tool") return { type: "message.part.updated", messageId, part: { ...part, status: "failed", result: TOOL_CUT_SHORT, endedAt: now, outcome: "interrupted" } };
    if (part.kind === "image") return { type: "message.part.updated", messageId, part };
    // The text stays as its checkpoints stored it; only its state changes (ADR 0041: no copy of the text).
    return { type: "message.part.appended", messageId, partId: part.id, kind: part.kind, offset: part.text.length, text: "", streamState: "interrupted" };
  });
}

/**
 * Sub-agents and background tasks the crash left `running`: they died with their process, as a process that exits says
 * of its tasks (translateExitEvents), so the tasks panel does not show them running for ever after the restart.
 */
function stoppedTasks(repos: Repositories, conversationId: ConversationId): DurableEvent[] {
  // The newest updates, oldest first: a task's last update wins.
  const updates = repos.messages.events(conversationId, { types: ["task.updated"], fromAt: 0, toAt: Number.MAX_SAFE_INTEGER, uptoSeq: Number.MAX_SAFE_INTEGER, limit: TASKS_LOOKED_AT, isNewestFirst: true });
  const latest = new Map<string, DurableEvent & { type: "task.updated" }>();
  for (const { event } of updates) if (event.type === "task.updated") latest.set(event.taskId, event);
  return [...latest.values()].filter((task) => task.status === "running").map((task) => ({ ...task, status: "stopped", summary: TASK_CUT_SHORT }));
}

/** How many task updates recovery reads back (a history page's state reads 200). */
const TASKS_LOOKED_AT = 1000;
const TASK_CUT_SHORT = "Stopped with its Claude Code process when ChatML restarted.";

const TOOL_CUT_SHORT = { text: "ChatML stopped before this tool returned; it was stopped with its Claude Code process.", isError: true, isTruncated: false };

/**
 * Stops what is left of every recorded CLI (ADR 0008), all at once (each waits until its processes are gone); how many
 * processes were stopped, by conversation.
 */
async function stopLeftoverProcesses(repos: Repositories): Promise<Map<ConversationId, number>> {
  const records = repos.cliProcesses.listAll();
  const counts = await Promise.all(records.map((record) => stopLeftover(record)));
  const stopped = new Map<ConversationId, number>();
  records.forEach((record, index) => {
    const count = counts[index] ?? 0;
    if (count > 0) stopped.set(record.conversationId, (stopped.get(record.conversationId) ?? 0) + count);
    repos.cliProcesses.remove(record.pid);
  });
  return stopped;
}

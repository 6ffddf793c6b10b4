import type { ConversationId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { stopLeftover } from "../../claude/process-guard.ts";
import type { Repositories } from "../../persistence/repositories.ts";

export type RecoveryDeps = { repos: Repositories; now: () => number };

/**
 * After a restart no conversation has a live process: first whatever is left of the CLIs an earlier run launched is
 * stopped (before anything could resume their sessions), then what was live becomes idle with a notice, open requests are
 * cancelled, and a reply whose stream was cut (last stored as a `streaming` checkpoint) is marked interrupted, so
 * history shows what was streamed before the crash. The next message resumes each with `--resume`.
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
    add(conversation.id, ...interruptedParts(deps.repos, conversation.id, deps.now()), {
      type: "notice",
      level: "info",
      text: "ChatML restarted; your next message resumes this conversation.",
    });
    add(conversation.id, { type: "conversation.status.changed", status: "idle", reason: null });
  }
  for (const [conversationId, events] of byConversation) deps.repos.events.appendBatch(conversationId, events, deps.now());
}

/** Parts the crash left unfinished: a checkpointed stream is marked interrupted, a running tool call failed. */
function interruptedParts(repos: Repositories, conversationId: ConversationId, now: number): DurableEvent[] {
  return repos.messages.unfinishedParts(conversationId).map(({ messageId, part }): DurableEvent => {
    if (part.kind === "tool") return { type: "message.part.updated", messageId, part: { ...part, status: "failed", result: TOOL_CUT_SHORT, endedAt: now } };
    if (part.kind === "image") return { type: "message.part.updated", messageId, part };
    // The text stays as its checkpoints stored it; only its state changes (ADR 0041: no copy of the text).
    return { type: "message.part.appended", messageId, partId: part.id, kind: part.kind, offset: part.text.length, text: "", streamState: "interrupted" };
  });
}

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

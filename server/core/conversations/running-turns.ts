import type { ConversationId } from "../../../shared/ids.ts";
import type { EventBus } from "../event-bus.ts";
import type { RunningTurns } from "../ports.ts";

/**
 * Follows the conversations' statuses on the bus (`conversation.status.changed`, published after its commit) and counts
 * those `running`: a turn streaming, its CLI and the server at work. Waiting on the user is not counted (nothing
 * streams), nor starting. A conversation deleted mid-turn says no more about its status, so its removal ends its turn.
 * A server starts with none: every conversation is idle after a restart (restart-recovery).
 * @example const turns = followRunningTurns(bus); turns.onChange((count) => console.log(count, "turns running"));
 */
export function followRunningTurns(bus: EventBus): RunningTurns {
  const running = new Set<ConversationId>();
  const listeners = new Set<(count: number) => void>();
  const update = (conversationId: ConversationId, isRunning: boolean) => {
    const changed = isRunning ? !running.has(conversationId) && Boolean(running.add(conversationId)) : running.delete(conversationId);
    if (changed) for (const listener of listeners) listener(running.size);
  };
  bus.subscribe((message) => {
    if (message.kind === "entity" && message.change.kind === "removed" && message.change.entity === "conversation") return update(message.change.id as ConversationId, false);
    if (message.kind === "event" && message.sequenced.event.type === "conversation.status.changed") update(message.conversationId, message.sequenced.event.status === "running");
  });
  return {
    count: () => running.size,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

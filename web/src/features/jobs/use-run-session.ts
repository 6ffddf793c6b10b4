import type { Run } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/**
 * What is left of a run's session and conversation. Gone means the lists have loaded and no longer hold it (the user
 * deleted it; deleting a session takes its conversations along). Before the lists load, nothing counts as gone.
 */
export type RunSessionPresence = { isSessionGone: boolean; isConversationGone: boolean };

/** Whether a run's session and conversation still exist, as the conversations store knows them. */
export function useRunSession(run: Pick<Run, "sessionId" | "conversationId">): RunSessionPresence {
  const isSessionGone = useConversationsStore((s) => s.isLoaded && run.sessionId !== null && !s.sessions[run.sessionId]);
  const isConversationMissing = useConversationsStore((s) => s.isLoaded && run.conversationId !== null && !s.conversations[run.conversationId]);
  return { isSessionGone, isConversationGone: isSessionGone || isConversationMissing };
}

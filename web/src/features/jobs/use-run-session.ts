import type { Run } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/**
 * What is left of a run's session and conversation. Gone means the lists have loaded and no longer hold it (the user
 * deleted it; deleting a session takes its conversations along). Before the lists load, nothing counts as gone.
 */
export type RunSessionPresence = { isSessionGone: boolean; isConversationGone: boolean; isConversationListed: boolean };

/**
 * Whether a run's session and conversation still exist, as the conversations store knows them; `isConversationListed`
 * once the lists have loaded and hold the conversation (what may be read from the server without a 404).
 */
export function useRunSession(run: Pick<Run, "sessionId" | "conversationId">): RunSessionPresence {
  const isSessionGone = useConversationsStore((s) => s.isLoaded && run.sessionId !== null && !s.sessions[run.sessionId]);
  const isConversationMissing = useConversationsStore((s) => s.isLoaded && run.conversationId !== null && !s.conversations[run.conversationId]);
  const isConversationGone = isSessionGone || isConversationMissing;
  const isConversationListed = useConversationsStore((s) => s.isLoaded && run.conversationId !== null && s.conversations[run.conversationId] !== undefined);
  return { isSessionGone, isConversationGone, isConversationListed: isConversationListed && !isConversationGone };
}

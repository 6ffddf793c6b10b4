import type { Conversation, Session } from "../../../../shared/index.ts";
import { focusComposerOnArrival } from "../../lib/composer-focus.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";

/**
 * Opens a session just started (Create session, Start from GitHub or Linear) in its first conversation, where the work
 * starts and is watched; its overview is one tap away (its name above). Known to this device before the socket says so.
 */
export function openStartedSession({ session, conversation }: { session: Session; conversation: Conversation }): void {
  const store = useConversationsStore.getState();
  store.addIfMissing({ kind: "session", session });
  store.addIfMissing({ kind: "conversation", conversation });
  focusComposerOnArrival(conversation.id);
  useNavStore.getState().go({ view: "conversation", id: conversation.id, messageId: null });
}

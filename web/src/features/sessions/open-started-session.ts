import type { Conversation, Session } from "../../../../shared/index.ts";
import { ApiError } from "../../lib/http.ts";
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

/**
 * The session a refused start names as having the issue already (a `conflict` with its id), or null: Start from
 * GitHub or Linear opens it instead of showing an error with nowhere to go.
 */
export function sessionThatHasIt(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "conflict") return null;
  const id = (error.details as { sessionId?: unknown } | undefined)?.sessionId;
  return typeof id === "string" ? id : null;
}

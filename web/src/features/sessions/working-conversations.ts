import { useShallow } from "zustand/react/shallow";
import type { ConversationStatus } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { conversationTitle } from "../../lib/shown-title.ts";

/** Conversation statuses in which Claude is at work (a turn running, starting, or waiting for an answer). */
const WORKING = new Set<ConversationStatus>(["starting", "running", "waiting"]);

/** The titles of the session's conversations Claude is at work in: archiving or deleting the session stops them mid-turn. */
export function useWorkingConversations(sessionId: string): string[] {
  return useConversationsStore(useShallow((s) => Object.values(s.conversations).filter((c) => c.sessionId === sessionId && WORKING.has(c.status)).map((c) => conversationTitle(c) || "Untitled")));
}

/** “Long turn”, “Asks” */
export const quotedTitles = (titles: readonly string[]): string => titles.map((title) => `“${title}”`).join(", ");

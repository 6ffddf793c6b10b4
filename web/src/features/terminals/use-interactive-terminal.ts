import { useEffect } from "react";
import type { ConversationId, SessionId, TerminalInfo } from "../../../../shared/index.ts";
import { loadSessionTerminals, selectTerminals, useTerminalsStore } from "../../stores/terminals-store.ts";

/**
 * The interactive `claude` terminal that runs the conversation's Claude session right now, or null (chat mode).
 * Kept live by the `terminals` frames; the session's list is fetched once when the conversation opens.
 */
export function useInteractiveTerminal(sessionId: SessionId | null, conversationId: ConversationId): TerminalInfo | null {
  const terminals = useTerminalsStore(selectTerminals(sessionId ?? ""));
  useEffect(() => {
    if (!sessionId) return;
    loadSessionTerminals(sessionId).catch(() => undefined);
  }, [sessionId]);
  return terminals.find((t) => t.kind === "claude" && t.conversationId === conversationId && t.status === "running") ?? null;
}

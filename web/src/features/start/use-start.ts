import { useState } from "react";
import type { PermissionMode } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { noteOpenedHere } from "../../stores/terminals-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";

/**
 * Starts (or reuses) a conversation in a folder and opens it; in interactive mode its Claude runs in a terminal
 * from the start (the conversation mirrors it and its message box types there). `errorFor(path)` is why starting in
 * `path` failed, null for a path typed since.
 */
export function useStart() {
  const [isStarting, setIsStarting] = useState(false);
  const [failure, setFailure] = useState<{ path: string; message: string } | null>(null);

  const start = async (path: string, permissionMode: PermissionMode, mode: "chat" | "interactive" = "chat") => {
    const trimmed = path.trim();
    if (!trimmed) {
      setFailure({ path: trimmed, message: "Pick or type a folder first." });
      return;
    }
    setIsStarting(true);
    setFailure(null);
    try {
      const { workspace, session, conversation } = await api.start({ path: trimmed, permissionMode });
      const store = useConversationsStore.getState();
      store.upsert({ kind: "workspace", workspace });
      store.upsert({ kind: "session", session });
      store.upsert({ kind: "conversation", conversation });
      if (mode === "interactive") {
        const { terminal } = await terminalsApi.startClaude(session.id, { conversationId: conversation.id, permissionMode });
        noteOpenedHere(terminal.id);
      }
      useUiStore.getState().select(conversation.id);
    } catch (e) {
      setFailure({ path: trimmed, message: errorMessage(e) });
    } finally {
      setIsStarting(false);
    }
  };
  const errorFor = (typed: string) => (failure?.path === typed.trim() ? failure.message : null);
  return { start, isStarting, errorFor };
}

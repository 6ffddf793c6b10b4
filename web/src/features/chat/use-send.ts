import { useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useCommandId } from "../../lib/use-command-id.ts";

/** Sends a message; a retry of the same text reuses its command id. Never leaves `isSending` stuck on error. */
export function useSend(id: ConversationId) {
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { idFor, done } = useCommandId();

  const send = async (text: string): Promise<boolean> => {
    if (!text.trim() || isSending) return false;
    setIsSending(true);
    setError(null);
    try {
      await api.sendMessage(id, idFor(text), text);
      done();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setIsSending(false);
    }
  };
  return { send, isSending, error };
}

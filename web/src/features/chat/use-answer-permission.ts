import { useState } from "react";
import type { AnswerPermissionInput, ConversationId, PermissionId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useCommandId } from "../../lib/use-command-id.ts";

export type Answer = Omit<AnswerPermissionInput, "commandId">;

/** Requests this page answered itself: their decision needs no "decided on …" note here. */
export const answeredHere = new Set<string>();

/**
 * Sends the user's answer to a permission request. The card stays until the server's `permission.resolved`;
 * on error the buttons come back and a retry of the same answer reuses its command id.
 */
export function useAnswerPermission(conversationId: ConversationId, requestId: PermissionId) {
  const [isSending, setIsSending] = useState(false);
  const [isSent, setIsSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { idFor, done } = useCommandId();

  const answer = async (input: Answer) => {
    setIsSending(true);
    setError(null);
    // Marked before sending: this device's own decision can come back over the socket before the reply does.
    answeredHere.add(requestId);
    try {
      await api.answerPermission(conversationId, requestId, { ...input, commandId: idFor(JSON.stringify(input)) });
      done();
      setIsSent(true);
    } catch (e) {
      answeredHere.delete(requestId);
      setError(errorMessage(e));
    } finally {
      setIsSending(false);
    }
  };
  return { answer, isBusy: isSending || isSent, error };
}

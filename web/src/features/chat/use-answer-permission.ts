import { useState } from "react";
import { create } from "zustand";
import type { AnswerPermissionInput, ConversationId, PermissionId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { useCommandId } from "../../lib/use-command-id.ts";

export type Answer = Omit<AnswerPermissionInput, "commandId">;

const useAnsweredIds = create<{ ids: ReadonlySet<string> }>(() => ({ ids: new Set() }));

/** Changes a copy of the ids; stores it when `change` says it changed something. */
function updateAnswered(change: (ids: Set<string>) => boolean): void {
  const ids = new Set(useAnsweredIds.getState().ids);
  if (change(ids)) useAnsweredIds.setState({ ids });
}

/**
 * Requests this page answered itself: their decision needs no "decided on …" note here. An answer refused because
 * another device decided first is taken out again, and the note then shows who did; one whose reply was lost stays.
 */
export const answeredHere = {
  has: (id: string): boolean => useAnsweredIds.getState().ids.has(id),
  add: (id: string): void => updateAnswered((ids) => !ids.has(id) && Boolean(ids.add(id))),
  delete: (id: string): void => updateAnswered((ids) => ids.delete(id)),
  clear: (): void => useAnsweredIds.setState({ ids: new Set() }),
};

/** {@link answeredHere}'s ids, re-rendering the caller when they change. */
export function useAnsweredHere(): ReadonlySet<string> {
  return useAnsweredIds((s) => s.ids);
}

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
      // A refusal means this page did not decide; a lost reply may have been decided here all the same (the server
      // took it, the answer back was lost): it stays marked, or the page said "Allowed on <this device>" as if
      // another device had.
      if (!(e instanceof ApiError && e.code === "network")) answeredHere.delete(requestId);
      setError(errorMessage(e));
    } finally {
      setIsSending(false);
    }
  };
  return { answer, isBusy: isSending || isSent, error };
}

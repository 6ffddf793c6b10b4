import { useState, useSyncExternalStore } from "react";
import type { AnswerPermissionInput, ConversationId, PermissionId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useCommandId } from "../../lib/use-command-id.ts";

export type Answer = Omit<AnswerPermissionInput, "commandId">;

/** A set of request ids that tells its readers when it changes. */
class WatchedIds {
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.changed();
  }

  delete(id: string): void {
    if (this.ids.delete(id)) this.changed();
  }

  clear(): void {
    this.ids.clear();
    this.changed();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Requests this page answered itself: their decision needs no "decided on …" note here. An answer refused because
 * another device decided first is taken out again, and the note then shows who did.
 */
export const answeredHere = new WatchedIds();

/** {@link answeredHere}, re-rendering the caller when it changes. */
export function useAnsweredHere(): WatchedIds {
  useSyncExternalStore(answeredHere.subscribe, answeredHere.snapshot);
  return answeredHere;
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
      answeredHere.delete(requestId);
      setError(errorMessage(e));
    } finally {
      setIsSending(false);
    }
  };
  return { answer, isBusy: isSending || isSent, error };
}

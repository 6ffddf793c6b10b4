import type { ConversationId } from "../../../shared/ids.ts";

/** Stored answers of commands already applied, keyed by the client's command id. */
export interface CommandStore {
  find(conversationId: ConversationId, commandId: string): unknown;
  remember(conversationId: ConversationId, commandId: string, result: unknown): void;
}

/**
 * Gives a command a write that stores its answer, to run in the transaction that applies the command (a send's, with
 * its message): then a restart cannot find the one without the other, and the command costs one commit, not two.
 */
export type AnswerWriter<T> = (answer: T) => () => void;

/**
 * Applies each client command once: a retry with the same command id gets the first answer, including while the
 * first attempt is still running (a double tap, or a retry after a dropped response).
 */
export class CommandLog {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly store: CommandStore) {}

  /** `apply` may store its answer itself with the writer it is given (once written, it is not stored again). */
  async once<T>(conversationId: ConversationId, commandId: string, apply: (storeAnswer: AnswerWriter<T>) => Promise<T>): Promise<T> {
    const stored = this.store.find(conversationId, commandId);
    if (stored !== undefined && stored !== null) return stored as T;
    const key = `${conversationId}:${commandId}`;
    const running = this.inFlight.get(key);
    if (running) return (await running) as T;
    let isStored = false;
    const storeAnswer: AnswerWriter<T> = (answer) => () => {
      this.store.remember(conversationId, commandId, answer);
      isStored = true;
    };
    const attempt = apply(storeAnswer).then((result) => {
      if (!isStored) this.store.remember(conversationId, commandId, result);
      return result;
    });
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(key);
    }
  }
}

import type { ConversationId } from "../../../shared/ids.ts";

/** Stored answers of commands already applied, keyed by the client's command id. */
export interface CommandStore {
  find(conversationId: ConversationId, commandId: string): unknown;
  remember(conversationId: ConversationId, commandId: string, result: unknown): void;
}

/**
 * Applies each client command once: a retry with the same command id gets the first answer, including while the
 * first attempt is still running (a double tap, or a retry after a dropped response).
 */
export class CommandLog {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly store: CommandStore) {}

  async once<T>(conversationId: ConversationId, commandId: string, apply: () => Promise<T>): Promise<T> {
    const stored = this.store.find(conversationId, commandId);
    if (stored !== undefined && stored !== null) return stored as T;
    const key = `${conversationId}:${commandId}`;
    const running = this.inFlight.get(key);
    if (running) return (await running) as T;
    const attempt = apply().then((result) => {
      this.store.remember(conversationId, commandId, result);
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

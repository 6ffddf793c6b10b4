import { AppError } from "../shared/protocol/errors.ts";

const stopping = () => new AppError("server_stopping", "ChatML is stopping; the conversations were not loaded.");

export type ComposedAfterListen<T> = {
  /** Composes on the first call; every caller (each `/api` request, each socket) waits for the same composition. */
  ready(): Promise<T>;
  /** The composition once done, else null (what needs it synchronously has nothing to do before then: no socket is open). */
  composed(): T | null;
  /** Refuses any later `ready()`, waits for a composition under way and gives it back to be stopped (null if there was none or it failed). */
  stop(): Promise<T | null>;
};

/**
 * What a start composes after it listens (ADR 0210), once, on first need. A failed composition is the answer of every
 * caller after it (the error says why), as a failed start was; it is not tried again.
 */
export function composedAfterListen<T>(compose: () => Promise<T>): ComposedAfterListen<T> {
  let composing: Promise<T> | null = null;
  let result: T | null = null;
  let isStopped = false;
  return {
    ready: () =>
      (composing ??= isStopped
        ? Promise.reject(stopping())
        : compose().then((composed) => (result = composed))),
    composed: () => result,
    stop: async () => {
      isStopped = true;
      await composing?.catch(() => null);
      return result;
    },
  };
}

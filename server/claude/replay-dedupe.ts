import type { CliMessage } from "./contracts.ts";

/**
 * How many recent line uuids a deduper remembers. 2.1.119 keeps its last 1,000 sent lines and replays all of them
 * on a reconnect, so anything replayed is still remembered.
 */
export const DEFAULT_REPLAY_MEMORY = 5000;

/**
 * Drops lines the CLI sends twice. Over `--sdk-url` a reconnecting CLI re-sends its buffer of already-sent lines
 * (init, assistant, user, result and the `stream_event`s of the turn), each with the `uuid` it had the first time;
 * a replayed stream event would show its text twice. Lines without a uuid always pass.
 */
export class ReplayDeduper {
  readonly #limit: number;
  readonly #seen = new Set<string>();

  constructor(limit: number = DEFAULT_REPLAY_MEMORY) {
    this.#limit = limit;
  }

  /** True when this line was already seen; otherwise remembers it and returns false. */
  isDuplicate(msg: CliMessage): boolean {
    const uuid = msg["uuid"];
    if (typeof uuid !== "string" || uuid === "") return false;
    if (this.#seen.has(uuid)) return true;
    this.#seen.add(uuid);
    // A Set iterates in insertion order, so the first entry is the oldest.
    if (this.#seen.size > this.#limit) {
      const oldest = this.#seen.values().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
    return false;
  }
}

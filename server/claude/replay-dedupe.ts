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
  #limit: number;
  readonly #seen = new Set<string>();
  /** The remembered uuids in arrival order, as a ring: `#next` is where the oldest is (and the newest goes). */
  readonly #order: string[] = [];
  #next = 0;

  constructor(limit: number = DEFAULT_REPLAY_MEMORY) {
    this.#limit = limit;
  }

  /** True when this line was already seen; otherwise remembers it and returns false. */
  isDuplicate(msg: CliMessage): boolean {
    if (this.#limit === 0) return false;
    const uuid = msg["uuid"];
    if (typeof uuid !== "string" || uuid === "") return false;
    if (this.#seen.has(uuid)) return true;
    this.#seen.add(uuid);
    if (this.#order.length < this.#limit) {
      this.#order.push(uuid);
      return false;
    }
    // Full: the oldest makes room (one array slot, no iterator per line).
    this.#seen.delete(this.#order[this.#next] as string);
    this.#order[this.#next] = uuid;
    this.#next = (this.#next + 1) % this.#limit;
    return false;
  }

  /**
   * The CLI speaks over stdio, which never replays a line: remember nothing from now on. A uuid per line, up to the
   * limit, was live memory for nothing (~6.6 MiB for 20 conversations after a burst of 2,000 deltas each; ADR 0043).
   */
  rememberNothing(): void {
    this.#limit = 0;
    this.#seen.clear();
    this.#order.length = 0;
    this.#next = 0;
  }
}

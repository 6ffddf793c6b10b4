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
 *
 * A CLI replays only on a new socket, first thing there (ADR 0254): until `expectReplay()` a line's uuid is only
 * written into the ring — a hash set looked up, added to and deleted from on every line was 7–9 % of a burst's
 * samples. From a reconnect on, the set is built from the ring and every line is checked against it, until as many
 * lines as the memory holds have passed: the replay (at most the CLI's last 1,000 lines) lies inside that window.
 */
export class ReplayDeduper {
  #limit: number;
  /** The remembered uuids in arrival order, as a ring: `#next` is where the oldest is (and the newest goes). */
  readonly #order: string[] = [];
  #next = 0;
  /** The ring's uuids as a set while a replay may still arrive; null otherwise. */
  #seen: Set<string> | null = null;
  /** Lines with a uuid still to check since the last reconnect. */
  #linesToCheck = 0;

  constructor(limit: number = DEFAULT_REPLAY_MEMORY) {
    this.#limit = limit;
  }

  /** True when this line was already seen since a reconnect; otherwise remembers it and returns false. */
  isDuplicate(msg: CliMessage): boolean {
    if (this.#limit === 0) return false;
    const uuid = msg["uuid"];
    if (typeof uuid !== "string" || uuid === "") return false;
    const seen = this.#seen;
    if (seen) {
      if (seen.has(uuid)) return true;
      seen.add(uuid);
      if (--this.#linesToCheck === 0) this.#seen = null;
    }
    this.#remember(uuid, seen);
    return false;
  }

  /**
   * The CLI attached again: it re-sends its buffer next. Lines from now on are checked against what was remembered,
   * for as many lines as the memory holds.
   */
  expectReplay(): void {
    if (this.#limit === 0) return;
    this.#seen ??= new Set(this.#order);
    this.#linesToCheck = this.#limit;
  }

  /**
   * The CLI speaks over stdio, which never replays a line: remember nothing from now on. A uuid per line, up to the
   * limit, was live memory for nothing (~6.6 MiB for 20 conversations after a burst of 2,000 deltas each; ADR 0043).
   */
  rememberNothing(): void {
    this.#limit = 0;
    this.#seen = null;
    this.#order.length = 0;
    this.#next = 0;
  }

  /** Writes `uuid` into the ring; a full ring's oldest makes room (and leaves `seen` with it). */
  #remember(uuid: string, seen: Set<string> | null): void {
    if (this.#order.length < this.#limit) {
      this.#order.push(uuid);
      return;
    }
    if (seen) seen.delete(this.#order[this.#next] as string);
    this.#order[this.#next] = uuid;
    this.#next = (this.#next + 1) % this.#limit;
  }
}

import type { CliMessage } from "./contracts.ts";
import { homeOf, sameWords, WORDS_PER_UUID, writeUuidWords } from "./replay-dedupe-words.ts";

/**
 * How many recent line uuids a deduper remembers. 2.1.119 keeps its last 1,000 sent lines (a circular buffer of
 * 1,000 in its WebSocket transport; ADR 0277) and replays at most those on a reconnect: a 5× margin.
 */
export const DEFAULT_REPLAY_MEMORY = 5000;

/** The ring's first size; it doubles up to the limit, so a short conversation holds little. */
const FIRST_CAPACITY = 64;
/** A candidate line's words while it is looked up (the oldest slot it may replace is still remembered). */
const candidate = new Uint32Array(WORDS_PER_UUID);

/**
 * Drops lines the CLI sends twice. Over `--sdk-url` a reconnecting CLI re-sends its buffer of already-sent lines
 * (init, assistant, user, result and the `stream_event`s of the turn), each with the `uuid` it had the first time;
 * a replayed stream event would show its text twice. Lines without a uuid always pass.
 *
 * A CLI replays only on a new socket, first thing there (ADR 0254): until `expectReplay()` a line's uuid is only
 * written into the ring — a hash set looked up, added to and deleted from on every line was 7–9 % of a burst's
 * samples. From a reconnect on, a table of the ring is built and every line is checked against it, until as many
 * lines as the memory holds have passed: the replay (at most the CLI's last 1,000 lines) lies inside that window.
 *
 * The ring holds each uuid as its 128 bits in one typed array, not as a string (ADR 0277): 3,000 uuid strings a
 * conversation were most of what an `--sdk-url` server still held after long turns. A uuid that is not canonical
 * hex keeps its string beside its slot, so only equal strings ever match.
 */
export class ReplayDeduper {
  #limit: number;
  /** The remembered uuids in arrival order, four words each, as a ring: `#next` is the slot the newest goes to. */
  #words = new Uint32Array(0);
  #count = 0;
  #next = 0;
  /** The strings of the slots whose uuid is not canonical hex; null while there has been none. */
  #oddStrings: Map<number, string> | null = null;
  /** While a replay may still arrive: an open-addressing table of slot + 1 (0 is empty); null otherwise. */
  #table: Int32Array | null = null;
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
    if (this.#table === null) {
      const slot = this.#claimSlot();
      this.#noteString(slot, writeUuidWords(uuid, this.#words, slot * WORDS_PER_UUID) ? null : uuid);
      return false;
    }
    return this.#checkAndRemember(uuid, this.#table);
  }

  /**
   * The CLI attached again: it re-sends its buffer next. Lines from now on are checked against what was remembered,
   * for as many lines as the memory holds.
   */
  expectReplay(): void {
    if (this.#limit === 0) return;
    // Rebuilt on every reconnect: a table never holds more than the ring plus one window of lines (load ≤ 1/2).
    let size = 16;
    while (size < 4 * this.#limit) size *= 2;
    const table = new Int32Array(size);
    for (let slot = 0; slot < this.#count; slot++) this.#insert(table, slot);
    this.#table = table;
    this.#linesToCheck = this.#limit;
  }

  /**
   * The CLI speaks over stdio, which never replays a line: remember nothing from now on. A uuid per line, up to the
   * limit, was live memory for nothing (~6.6 MiB for 20 conversations after a burst of 2,000 deltas each; ADR 0043).
   */
  rememberNothing(): void {
    this.#limit = 0;
    this.#words = new Uint32Array(0);
    this.#count = 0;
    this.#next = 0;
    this.#oddStrings = null;
    this.#table = null;
  }

  #checkAndRemember(uuid: string, table: Int32Array): boolean {
    const odd = writeUuidWords(uuid, candidate, 0) ? null : uuid;
    if (this.#find(table, odd)) return true;
    const slot = this.#claimSlot();
    this.#words.set(candidate, slot * WORDS_PER_UUID);
    this.#noteString(slot, odd);
    // The slot's old uuid keeps its entry: it now points at words that no longer match it, so it is found no more.
    this.#insert(table, slot);
    if (--this.#linesToCheck === 0) this.#table = null;
    return false;
  }

  /** True when the ring holds the candidate's uuid (`odd`: its string when not canonical hex). */
  #find(table: Int32Array, odd: string | null): boolean {
    const mask = table.length - 1;
    for (let at = homeOf(candidate, 0, mask); ; at = (at + 1) & mask) {
      const entry = table[at] as number;
      if (entry === 0) return false;
      const slot = entry - 1;
      if (!sameWords(this.#words, slot * WORDS_PER_UUID, candidate, 0)) continue;
      if ((this.#oddStrings?.get(slot) ?? null) === odd) return true;
    }
  }

  #insert(table: Int32Array, slot: number): void {
    const mask = table.length - 1;
    let at = homeOf(this.#words, slot * WORDS_PER_UUID, mask);
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = slot + 1;
  }

  /** The slot the newest uuid goes to: the next free one (the ring grows) or, when full, the oldest. */
  #claimSlot(): number {
    const slot = this.#next;
    if (this.#count < this.#limit) {
      if (slot * WORDS_PER_UUID === this.#words.length) this.#grow();
      this.#count++;
    }
    this.#next = slot + 1 === this.#limit ? 0 : slot + 1;
    return slot;
  }

  #grow(): void {
    const capacity = Math.min(this.#limit, Math.max(FIRST_CAPACITY, 2 * (this.#words.length / WORDS_PER_UUID)));
    const words = new Uint32Array(capacity * WORDS_PER_UUID);
    words.set(this.#words);
    this.#words = words;
  }

  /** Keeps a non-canonical uuid's string for its slot, and forgets the one a reused slot had. */
  #noteString(slot: number, odd: string | null): void {
    if (odd !== null) (this.#oddStrings ??= new Map()).set(slot, odd);
    else this.#oddStrings?.delete(slot);
  }
}

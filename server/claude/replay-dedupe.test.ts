import { describe, expect, it } from "vitest";
import type { CliMessage } from "./contracts.ts";
import { readTranscript } from "./fixtures/load-transcripts.ts";
import { ReplayDeduper } from "./replay-dedupe.ts";
import { writeUuidWords } from "./replay-dedupe-words.ts";

const line = (type: string, uuid?: string): CliMessage => (uuid ? { type, uuid } : { type });

/** Feeds `uuids` and returns the ones dropped. */
const droppedOf = (d: ReplayDeduper, uuids: string[]) => uuids.filter((u) => d.isDuplicate(line("user", u)));

describe("ReplayDeduper", () => {
  it("drops a line whose uuid was already seen, once the CLI reconnected", () => {
    const d = new ReplayDeduper();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(false);
    d.expectReplay();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(true);
    expect(d.isDuplicate(line("result", "u2"))).toBe(false);
    expect(d.isDuplicate(line("result", "u2"))).toBe(true);
  });

  it("drops replayed stream events too (2.1.119 re-sends them after a reconnect)", () => {
    const d = new ReplayDeduper();
    expect(d.isDuplicate(line("stream_event", "s1"))).toBe(false);
    d.expectReplay();
    expect(d.isDuplicate(line("stream_event", "s1"))).toBe(true);
  });

  it("checks nothing while no reconnect happened: a CLI repeats a line only on a new socket", () => {
    const d = new ReplayDeduper();
    expect(droppedOf(d, ["u1", "u2", "u1"])).toEqual([]);
  });

  it("remembers nothing once told the CLI never replays (stdio)", () => {
    const d = new ReplayDeduper();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(false);
    d.rememberNothing();
    d.expectReplay();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(false);
    expect(d.isDuplicate(line("assistant", "u2"))).toBe(false);
    expect(d.isDuplicate(line("assistant", "u2"))).toBe(false);
  });

  it("lets lines without a uuid through", () => {
    const d = new ReplayDeduper();
    d.expectReplay();
    for (let i = 0; i < 2; i++) expect(d.isDuplicate(line("control_cancel_request"))).toBe(false);
  });

  it("remembers a bounded number of uuids, oldest forgotten first", () => {
    const d = new ReplayDeduper(3);
    droppedOf(d, ["a", "b", "c", "d"]);
    d.expectReplay();
    expect(d.isDuplicate(line("user", "d"))).toBe(true);
    expect(d.isDuplicate(line("user", "a"))).toBe(false);
  });

  it("keeps exactly the newest uuids across many wraps of its memory", () => {
    const d = new ReplayDeduper(3);
    droppedOf(d, Array.from({ length: 10 }, (_, i) => `u${i}`));
    d.expectReplay();
    expect(droppedOf(d, ["u7", "u8", "u9"])).toEqual(["u7", "u8", "u9"]);
    expect(d.isDuplicate(line("user", "u6"))).toBe(false);
  });

  it("checks as many lines after a reconnect as it remembers, then only records again", () => {
    const d = new ReplayDeduper(3);
    droppedOf(d, ["a", "b", "c"]);
    d.expectReplay();
    // Three new lines use up the window (replays do not count: they are not remembered again).
    expect(droppedOf(d, ["c", "x", "y", "x", "z"])).toEqual(["c", "x"]);
    expect(droppedOf(d, ["z", "y"])).toEqual([]);
    // The ring went on recording: a later reconnect finds the newest three.
    droppedOf(d, ["p"]);
    d.expectReplay();
    expect(droppedOf(d, ["y", "z", "p", "x"])).toEqual(["y", "z", "p"]);
  });

  it("a second reconnect inside the window checks a whole window again", () => {
    const d = new ReplayDeduper(4);
    droppedOf(d, ["a", "b"]);
    d.expectReplay();
    droppedOf(d, ["c", "d", "e"]);
    d.expectReplay();
    expect(droppedOf(d, ["c", "d", "e", "b", "a"])).toEqual(["c", "d", "e", "b"]);
  });

  it("drops exactly what a memory of the newest uuids would, over many reconnects and replays", () => {
    // Reference: a line is a replay iff its uuid is among the last `limit` distinct uuids received.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const limit of [1, 3, 8]) {
      const d = new ReplayDeduper(limit);
      const received: string[] = [];
      let fresh = 0;
      for (let step = 0; step < 400; step++) {
        if (random(10) > 0) {
          const uuid = `n${fresh++}`;
          expect(d.isDuplicate(line("user", uuid))).toBe(false);
          received.push(uuid);
          continue;
        }
        // A reconnect: the CLI re-sends up to its last `limit` lines, then goes on.
        d.expectReplay();
        const replay = received.slice(-1 - random(limit));
        expect(droppedOf(d, replay)).toEqual(replay);
      }
    }
  });

  it("drops exactly what a ring of the newest uuids with a window after each reconnect would, for every uuid form", () => {
    // Reference: the rule itself over strings. A line is dropped iff a reconnect's window (as many lines as the
    // memory) is open and its uuid is among the last `limit` uuids remembered; a line not dropped is remembered.
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const hex = (digits: number) => Array.from({ length: digits }, () => random(16).toString(16)).join("");
    const freshUuid = () => {
      const canonical = `${hex(8)}-${hex(4)}-4${hex(3)}-${hex(4)}-${hex(12)}`;
      // Mostly the CLI's form; also forms that keep the string path: upper case, braces, short, hex without dashes.
      const forms = [canonical, canonical, canonical, canonical.toUpperCase(), `{${canonical.slice(1)}}`, hex(6), hex(36)];
      return forms[random(forms.length)] as string;
    };
    for (const limit of [1, 3, 8, 70, 150]) {
      const d = new ReplayDeduper(limit);
      const ring: string[] = [];
      const received: string[] = [];
      let window = 0;
      const expectDropped = (uuid: string) => window > 0 && ring.includes(uuid);
      const feed = (uuid: string) => {
        const isDropped = expectDropped(uuid);
        expect(d.isDuplicate(line("user", uuid)), `limit ${limit}, ${uuid}`).toBe(isDropped);
        if (isDropped) return;
        received.push(uuid);
        ring.push(uuid);
        if (ring.length > limit) ring.shift();
        if (window > 0) window--;
      };
      for (let step = 0; step < 1500; step++) {
        const roll = random(20);
        if (roll === 0) {
          d.expectReplay();
          window = limit;
        } else if (roll <= 2 && received.length > 0) {
          // A replay of the last lines (often more than the memory: the oldest of them must pass as new).
          for (const uuid of received.slice(-1 - random(limit + 3))) feed(uuid);
        } else if (roll === 3 && received.length > 0) {
          feed(received[random(received.length)] as string);
        } else if (roll === 4 && received.length > 0) {
          // The same uuid in another case or with its dashes moved is another string: never a replay of it.
          const last = received[received.length - 1] as string;
          feed(last === last.toUpperCase() ? last.toLowerCase() : last.toUpperCase());
        } else {
          feed(freshUuid());
        }
      }
    }
  });

  it("never takes a non-canonical uuid for a canonical one with the same bits", () => {
    const odd = "x".repeat(36);
    const words = new Uint32Array(4);
    expect(writeUuidWords(odd, words, 0)).toBe(false);
    // A canonical uuid whose 128 bits are the words the odd string is kept under: its hash, its length, zeros.
    const twin = `${(words[0] as number).toString(16).padStart(8, "0")}-0000-0024-0000-000000000000`;
    const twinWords = new Uint32Array(4);
    expect(writeUuidWords(twin, twinWords, 0)).toBe(true);
    expect([...twinWords]).toEqual([...words]);
    const d = new ReplayDeduper(4);
    expect(droppedOf(d, [odd])).toEqual([]);
    d.expectReplay();
    expect(droppedOf(d, [twin, odd, twin])).toEqual([odd, twin]);
  });

  it("reads a canonical uuid as its 128 bits and nothing else as canonical", () => {
    const words = new Uint32Array(5);
    expect(writeUuidWords("0123abcd-ef01-4567-89ab-cdef01234567", words, 1)).toBe(true);
    expect([...words]).toEqual([0, 0x0123abcd, 0xef014567, 0x89abcdef, 0x01234567]);
    for (const odd of ["0123ABCD-ef01-4567-89ab-cdef01234567", "0123abcd-ef01-4567-89ab-cdef0123456", "0123abcde-f01-4567-89ab-cdef01234567", "0123abcd-ef01-4567-89ab-cdef0123456g", "0123abcd-ef01-4567-89ab-cdef0123456\u0661"]) {
      expect(writeUuidWords(odd, words, 0), odd).toBe(false);
    }
  });

  it("m_ws_close1000: drops exactly the lines the CLI replays after reconnecting", () => {
    const d = new ReplayDeduper();
    const dropped: string[] = [];
    for (const recorded of readTranscript("m_ws_close1000")) {
      if (recorded.dir === "ws-upgrade" && recorded.conn !== 1) d.expectReplay();
      const msg = recorded.msg as CliMessage;
      if (recorded.dir === "cli->host" && d.isDuplicate(msg)) dropped.push(msg.type);
    }
    expect(dropped).toEqual(["system", "assistant", "assistant", "user", "assistant", "result"]);
  });
});

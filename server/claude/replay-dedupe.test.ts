import { describe, expect, it } from "vitest";
import type { CliMessage } from "./contracts.ts";
import { readTranscript } from "./fixtures/load-transcripts.ts";
import { ReplayDeduper } from "./replay-dedupe.ts";

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

import { describe, expect, it } from "vitest";
import type { CliMessage } from "./contracts.ts";
import { cliLines } from "./fixtures/load-transcripts.ts";
import { ReplayDeduper } from "./replay-dedupe.ts";

const line = (type: string, uuid?: string): CliMessage => (uuid ? { type, uuid } : { type });

describe("ReplayDeduper", () => {
  it("drops a line whose uuid was already seen", () => {
    const d = new ReplayDeduper();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(false);
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(true);
    expect(d.isDuplicate(line("result", "u2"))).toBe(false);
  });

  it("drops replayed stream events too (2.1.119 re-sends them after a reconnect)", () => {
    const d = new ReplayDeduper();
    expect(d.isDuplicate(line("stream_event", "s1"))).toBe(false);
    expect(d.isDuplicate(line("stream_event", "s1"))).toBe(true);
  });

  it("remembers nothing once told the CLI never replays (stdio)", () => {
    const d = new ReplayDeduper();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(false);
    d.rememberNothing();
    expect(d.isDuplicate(line("assistant", "u1"))).toBe(false);
    expect(d.isDuplicate(line("assistant", "u2"))).toBe(false);
    expect(d.isDuplicate(line("assistant", "u2"))).toBe(false);
  });

  it("lets lines without a uuid through", () => {
    const d = new ReplayDeduper();
    for (let i = 0; i < 2; i++) expect(d.isDuplicate(line("control_cancel_request"))).toBe(false);
  });

  it("remembers a bounded number of uuids, oldest forgotten first", () => {
    const d = new ReplayDeduper(3);
    for (const u of ["a", "b", "c", "d"]) d.isDuplicate(line("user", u));
    expect(d.isDuplicate(line("user", "d"))).toBe(true);
    expect(d.isDuplicate(line("user", "a"))).toBe(false);
  });

  it("keeps exactly the newest uuids across many wraps of its memory", () => {
    const d = new ReplayDeduper(3);
    for (let i = 0; i < 10; i++) d.isDuplicate(line("user", `u${i}`));
    expect(["u7", "u8", "u9"].map((u) => d.isDuplicate(line("user", u)))).toEqual([true, true, true]);
    expect(d.isDuplicate(line("user", "u6"))).toBe(false);
  });

  it("m_ws_close1000: drops exactly the lines the CLI replays after reconnecting", () => {
    const d = new ReplayDeduper();
    const dropped = cliLines("m_ws_close1000").filter(({ msg }) => d.isDuplicate(msg));
    expect(dropped.map(({ msg }) => msg.type)).toEqual(["system", "assistant", "assistant", "user", "assistant", "result"]);
  });
});

import { describe, expect, it } from "vitest";
import { EndedTerminal, ENDED_LAST_LINE_CHARS, ENDED_LAST_LINES } from "../../../shared/protocol/terminals.ts";
import { lastLines } from "./last-lines.ts";

describe("lastLines (what an ended terminal's notice keeps of its screen)", () => {
  it("keeps the last lines written, without the blank rows around them or trailing spaces", () => {
    expect(lastLines(["", "$ make   ", "", "error: no rule to make target  ", "", ""])).toEqual(["$ make", "", "error: no rule to make target"]);
    expect(lastLines(["", "  ", ""])).toEqual([]);
  });

  it("leaves out a TUI's frame rows, which say nothing (the Claude TUI's input box)", () => {
    const tui = ["⏺ Done: 3 files changed.", "", "─".repeat(80), "❯ ", "─".repeat(80), "  ⏵⏵ auto mode on", " ╰────╯ "];
    expect(lastLines(tui)).toEqual(["⏺ Done: 3 files changed.", "", "❯", "  ⏵⏵ auto mode on"]);
  });

  it("keeps at most the last few lines, each cut to a length the contract accepts", () => {
    const screen = Array.from({ length: 40 }, (_, n) => `line ${n} ${"x".repeat(n === 39 ? 1000 : 0)}`);
    const kept = lastLines(screen);
    expect(kept).toHaveLength(ENDED_LAST_LINES);
    expect(kept[0]).toBe(`line ${40 - ENDED_LAST_LINES}`);
    expect(kept.at(-1)).toHaveLength(ENDED_LAST_LINE_CHARS);
    expect(kept.at(-1)?.endsWith("…")).toBe(true);
    // What is kept is what the notice's schema takes: a record never fails to read back.
    expect(EndedTerminal.shape.lastLines.parse(kept)).toEqual(kept);
  });
});

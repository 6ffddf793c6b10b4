import { describe, expect, it } from "vitest";
import { conflictHunks } from "./conflict-hunks.ts";

describe("conflict hunks in a text", () => {
  it("finds git's hunks, with or without a base section, and nothing in a heading's underline or a lone marker", () => {
    expect(conflictHunks("<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n")).toEqual([{ start: 1, base: null, separator: 3, end: 5 }]);
    expect(conflictHunks("x\n<<<<<<< HEAD\nours\n||||||| base\nold\n=======\ntheirs\n>>>>>>> main\r\n")).toEqual([{ start: 2, base: 4, separator: 6, end: 8 }]);
    expect(conflictHunks("Title\n=======\n\nText\n")).toEqual([]);
    expect(conflictHunks("=======\n>>>>>>> quoted\n<<<<<<< unclosed\n")).toEqual([]);
    // Markers of another length belong to another hunk (a `conflict-marker-size` attribute).
    expect(conflictHunks("<<<<<<<<< a\n=======\n=========\n>>>>>>>>> b\n")).toEqual([{ start: 1, base: null, separator: 3, end: 4 }]);
  });
});

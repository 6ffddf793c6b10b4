import { describe, expect, it } from "vitest";
import { conflictHunks, markerLabel, resolveConflict } from "./conflict-hunks.ts";

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

describe("resolving one conflict hunk", () => {
  const TEXT = "top\n<<<<<<< HEAD\nmine 1\nmine 2\n||||||| base\nold\n=======\ntheirs\n>>>>>>> refs/heads/main\nmiddle\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> refs/heads/main\nend\n";
  const [first, second] = conflictHunks(TEXT);

  it("keeps our side, their side or both (ours first), without markers or the base, and leaves the other hunks alone", () => {
    if (!first || !second) throw new Error("two hunks expected");
    expect(resolveConflict(TEXT, first, "ours")).toBe("top\nmine 1\nmine 2\nmiddle\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> refs/heads/main\nend\n");
    expect(resolveConflict(TEXT, first, "theirs")).toBe("top\ntheirs\nmiddle\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> refs/heads/main\nend\n");
    expect(resolveConflict(TEXT, second, "both")).toBe("top\n<<<<<<< HEAD\nmine 1\nmine 2\n||||||| base\nold\n=======\ntheirs\n>>>>>>> refs/heads/main\nmiddle\nx\ny\nend\n");
    expect(conflictHunks(resolveConflict(resolveConflict(TEXT, second, "theirs"), first, "both"))).toEqual([]);
  });

  it("names each side as git labelled it", () => {
    expect([markerLabel(TEXT, first?.start ?? 0), markerLabel(TEXT, first?.end ?? 0), markerLabel("<<<<<<<\n", 1)]).toEqual(["HEAD", "refs/heads/main", null]);
  });
});

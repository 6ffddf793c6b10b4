import { describe, expect, it } from "vitest";
import { diffLines, type LinePart } from "./line-diff.ts";

const sides = (parts: LinePart[]) => ({
  before: parts.filter((p) => !p.added).flatMap((p) => p.value),
  after: parts.filter((p) => !p.removed).flatMap((p) => p.value),
});
const numbered = (n: number, text: (i: number) => string) => Array.from({ length: n }, (_, i) => text(i + 1));

describe("line diff", () => {
  it("is exact for a small edit: the changed line only, the rest in common", () => {
    const parts = diffLines(["a", "b", "c", "d"], ["a", "B", "c", "d", "e"]);
    expect(parts).toEqual([
      { value: ["a"], added: false, removed: false },
      { value: ["b"], added: false, removed: true },
      { value: ["B"], added: true, removed: false },
      { value: ["c", "d"], added: false, removed: false },
      { value: ["e"], added: true, removed: false },
    ]);
  });

  it("joins a run of a million common lines to the common line before it (pushed as one call's arguments, they overflowed the stack)", () => {
    // Past the exact diff's limit (300 changed lines at each end), anchored at the one line both share once: the
    // "x" lines after it are common but never unique, so they come as one run joined to the anchor's part. Chromium
    // overflowed at 200,000 lines; Bun, which runs this test, only near a million.
    const common = Array.from({ length: 1_000_000 }, () => "x");
    const before = [...numbered(300, (i) => `old head ${i}`), "anchor", ...common, ...numbered(300, (i) => `old tail ${i}`)];
    const after = [...numbered(300, (i) => `new head ${i}`), "anchor", ...common, ...numbered(300, (i) => `new tail ${i}`)];
    const parts = diffLines(before, after);
    expect(parts.map((p) => [p.removed, p.added, p.value.length])).toEqual([
      [true, false, 300],
      [false, true, 300],
      [false, false, 1_000_001],
      [true, false, 300],
      [false, true, 300],
    ]);
    expect(parts[2]?.value[0]).toBe("anchor");
  });

  it("shows a file rewritten end to end as removed then added, without the exact diff's cost", () => {
    const before = numbered(5000, (i) => `const v${i} = old(${i});`);
    const after = numbered(5000, (i) => `const v${i} = new(${i});`);
    const parts = diffLines(before, after);
    expect(parts.map((p) => [p.removed, p.added, p.value.length])).toEqual([
      [true, false, 5000],
      [false, true, 5000],
    ]);
  });

  it("keeps the unchanged lines between many scattered edits as context (patience anchors), and both sides intact", () => {
    const before = numbered(6000, (i) => `line ${i}`);
    const after = numbered(6000, (i) => (i % 10 === 0 ? `edited ${i}` : `line ${i}`));
    after.splice(3000, 0, "inserted");
    const parts = diffLines(before, after);
    expect(sides(parts)).toEqual({ before, after });
    expect(parts.filter((p) => p.added).flatMap((p) => p.value)).toHaveLength(601);
    expect(parts.filter((p) => !p.added && !p.removed).flatMap((p) => p.value)).toHaveLength(5400);
  });

  it("reconstructs both sides for repeated lines that have no unique anchor", () => {
    const before = numbered(3000, (i) => (i % 2 ? "}" : "{"));
    const after = numbered(3000, (i) => (i % 3 ? "}" : "{"));
    expect(sides(diffLines(before, after))).toEqual({ before, after });
  });
});

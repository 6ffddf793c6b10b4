import { describe, expect, it } from "vitest";
import { diffOffThread } from "./diff-lines-off-thread.ts";
import { buildRows, diffTextLines, foldableRuns, openRuns, type DiffLine } from "./diff-model.ts";

const numbered = (n: number, change?: (i: number) => string | null) =>
  Array.from({ length: n }, (_, i) => change?.(i + 1) ?? `line ${i + 1}`).join("\n") + "\n";

// Large diffs are worked out in a Web Worker (Bun runs the same worker file here): both must give the same model.
const producers: [string, (before: string, after: string) => Promise<DiffLine[]>][] = [
  ["on the page's thread", async (before, after) => diffTextLines(before, after)],
  ["in a worker", (before, after) => diffOffThread({ before, after, path: "" }, new AbortController().signal).lines],
];

describe.each(producers)("diff model, lines worked out %s", (_, diffOf) => {
  it("shows a last line that only gained or lost its newline as changed, with its text as it is", async () => {
    for (const [before, after] of [["a\nb", "a\nb\n"], ["a\nb\n", "a\nb"]] as const) {
      const lines = await diffOf(before, after);
      expect(lines.map((l) => [l.kind, l.oldNo, l.newNo, l.text])).toEqual([
        ["context", 1, 1, "a"],
        ["del", 2, null, "b"],
        ["add", null, 2, "b"],
      ]);
    }
    expect((await diffOf("a\nb", "a\nb")).map((l) => l.kind)).toEqual(["context", "context"]);
  });

  it("numbers lines on both sides and marks changed words inside an edited line", async () => {
    const lines = await diffOf("a\nconst x = 1;\nc\n", "a\nconst x = 2;\nc\nd\n");
    expect(lines.map((l) => [l.kind, l.oldNo, l.newNo])).toEqual([
      ["context", 1, 1],
      ["del", 2, null],
      ["add", null, 2],
      ["context", 3, 3],
      ["add", null, 4],
    ]);
    expect(lines[1]?.words?.filter((w) => w.isChanged).map((w) => w.text)).toEqual(["1"]);
    expect(lines[2]?.words?.filter((w) => w.isChanged).map((w) => w.text)).toEqual(["2"]);
  });

  it("folds long unchanged runs, keeping context, and unfolds the ones expanded", async () => {
    const lines = await diffOf(numbered(100), numbered(100, (i) => (i === 50 ? "changed" : null)));
    expect(foldableRuns(lines)).toEqual([
      { start: 0, end: 46 },
      { start: 54, end: 101 },
    ]);
    const rows = buildRows(lines, "unified", new Set());
    expect(rows.filter((r) => r.kind === "fold").map((r) => (r.kind === "fold" ? r.count : 0))).toEqual([46, 47]);
    expect(rows).toHaveLength(1 + 3 + 2 + 3 + 1);
    expect(buildRows(lines, "unified", new Set([0, 54]))).toHaveLength(101);
  });

  it("never folds away a line a review comment is on: its run stays open, the others fold", async () => {
    const lines = await diffOf(numbered(100), numbered(100, (i) => (i === 50 ? "changed" : null)));
    const open = openRuns(lines, [{ side: "new", line: 80 }], new Set());
    expect([...open]).toEqual([54]);
    const rows = buildRows(lines, "unified", open);
    expect(rows.some((r) => r.kind === "line" && r.line.newNo === 80)).toBe(true);
    expect(rows.filter((r) => r.kind === "fold")).toHaveLength(1);
    expect(openRuns(lines, [{ side: "old", line: 10 }], new Set([54]))).toEqual(new Set([54, 0]));
  });

  it("pairs deletions with additions side by side in split mode", async () => {
    const rows = buildRows(await diffOf("a\nb\nc\n", "a\nB\nB2\nc\n"), "split", new Set());
    expect(rows.map((r) => (r.kind === "pair" ? [r.left?.text ?? null, r.right?.text ?? null] : r.kind))).toEqual([
      ["a", "a"],
      ["b", "B"],
      [null, "B2"],
      ["c", "c"],
    ]);
  });
});

it("diffs a new file of a million lines (its lines, one call's arguments, overflowed the stack: 200,000 did in Chromium)", () => {
  const lines = diffTextLines("", numbered(1_100_000));
  expect(lines).toHaveLength(1_100_000);
  expect(lines.at(-1)).toMatchObject({ kind: "add", newNo: 1_100_000, text: "line 1100000" });
});

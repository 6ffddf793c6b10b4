import { describe, expect, it } from "vitest";
import { diffOffThread, isDiffedOffThread, MAX_MAIN_THREAD_DIFF_CHARS } from "./diff-lines-off-thread.ts";
import { highlightSides, tokensOnLine, type PackedTokens, type SideTokens } from "./highlight.ts";
import { buildRows, diffTextLines } from "./diff-model.ts";

const numbered = (n: number, change?: (i: number) => string | null) =>
  Array.from({ length: n }, (_, i) => change?.(i + 1) ?? `const value${i + 1} = "alpha beta ${i + 1}";`).join("\n") + "\n";

/**
 * A side's tokens with typed arrays as plain ones. The web tests run in a vm context (vitest.config.ts): a worker's
 * reply is built in the thread's own realm, whose Uint32Array is another constructor than the test's, as a page's is not.
 */
const comparable = (sides: SideTokens) => {
  const plain = (side: PackedTokens | null) => side && { ...side, lineStarts: [...side.lineStarts], spans: [...side.spans], arrays: [side.lineStarts, side.spans].map((a) => Object.prototype.toString.call(a)) };
  return { old: plain(sides.old), new: plain(sides.new) };
};

describe("a diff worked out in a worker", () => {
  it("sends a large diff to a worker and a small one not", () => {
    const big = numbered(5_000);
    expect(big.length * 2).toBeGreaterThan(MAX_MAIN_THREAD_DIFF_CHARS);
    expect(isDiffedOffThread(big, big)).toBe(true);
    expect(isDiffedOffThread("a\n", "b\n")).toBe(false);
  });

  // The worker is sent any diff it is given (isDiffedOffThread decides which, above): a few hundred lines hold every
  // kind of line and row. 5,000 lines, every third one edited, cost two Myers diffs of ~3,300 edits (the worker's and
  // the check's), which went past the test's 20 s on a loaded machine.
  it("gives the very lines the page's own diff gives: numbers, kinds, changed words, folds", async () => {
    const before = numbered(600);
    // Every third of the first 300 lines edited and one line gone: context, paired edits with changed words, a lone
    // deletion, and long unchanged runs around it that fold.
    const after = numbered(600, (i) => (i % 3 === 0 && i <= 300 ? `const value${i} = "alpha BETA ${i * 7}";` : null)).replace(/^.*value450 .*\n/m, "");
    const fromWorker = await diffOffThread({ before, after, path: "" }, new AbortController().signal).lines;
    const onThread = diffTextLines(before, after);
    expect(fromWorker).toEqual(onThread);
    expect(fromWorker.some((l) => l.words?.some((w) => w.isChanged && w.text === "BETA"))).toBe(true);
    expect(fromWorker.filter((l) => l.kind === "del" && l.words === null).map((l) => l.oldNo)).toEqual([450]);
    const rows = buildRows(fromWorker, "split", new Set());
    expect(rows.filter((row) => row.kind === "fold")).toHaveLength(2);
    expect(rows).toEqual(buildRows(onThread, "split", new Set()));
  });

  it("gives the same lines for CRLF endings, empty lines, a missing final newline and an emptied line", async () => {
    const before = "one\r\n\r\ntwo words here\r\nkeep\nlast";
    const after = "one\r\nnew\r\ntwo words there\r\n\nlast\n";
    expect(await diffOffThread({ before, after, path: "" }, new AbortController().signal).lines).toEqual(diffTextLines(before, after));
  });

  it("highlights both sides in the worker as the page would, for the file's language", async () => {
    const before = numbered(300);
    const after = numbered(300, (i) => (i === 7 ? "// a comment" : null));
    // The worker and the page each load the language first (most of the test's time): side by side, not one after the other.
    const [fromWorker, onThread] = await Promise.all([diffOffThread({ before, after, path: "values.ts" }, new AbortController().signal).tokens, highlightSides("values.ts", before, after)]);
    expect(comparable(fromWorker)).toEqual(comparable(onThread));
    expect(tokensOnLine(fromWorker.new, 6)).toEqual([{ from: 0, to: 12, className: expect.stringContaining("comment") }]);
    expect(tokensOnLine(fromWorker.old, 6)?.map((t) => t.className)).toContain("tok-keyword");
  });

  it("stops the worker and rejects when the diff is no longer wanted", async () => {
    const controller = new AbortController();
    const pending = diffOffThread({ before: numbered(20_000), after: numbered(20_000, (i) => `changed ${i}`), path: "" }, controller.signal).lines;
    controller.abort(new Error("the file changed again"));
    await expect(pending).rejects.toThrow("the file changed again");
  });
});

import { describe, expect, it } from "vitest";
import { diffLinesOffThread, isDiffedOffThread, MAX_MAIN_THREAD_DIFF_CHARS } from "./diff-lines-off-thread.ts";
import { buildRows, diffTextLines } from "./diff-model.ts";

const numbered = (n: number, change?: (i: number) => string | null) =>
  Array.from({ length: n }, (_, i) => change?.(i + 1) ?? `const value${i + 1} = "alpha beta ${i + 1}";`).join("\n") + "\n";

describe("a diff worked out in a worker", () => {
  it("sends a large diff to a worker and a small one not", () => {
    const big = numbered(5_000);
    expect(big.length * 2).toBeGreaterThan(MAX_MAIN_THREAD_DIFF_CHARS);
    expect(isDiffedOffThread(big, big)).toBe(true);
    expect(isDiffedOffThread("a\n", "b\n")).toBe(false);
  });

  it("gives the very lines the page's own diff gives: numbers, kinds, changed words, folds", async () => {
    const before = numbered(5_000);
    // Every third line edited and one line gone: context, paired edits with changed words, and a lone deletion.
    const after = numbered(5_000, (i) => (i % 3 === 0 ? `const value${i} = "alpha BETA ${i * 7}";` : null)).replace(/^.*value2500 .*\n/m, "");
    const fromWorker = await diffLinesOffThread(before, after, new AbortController().signal);
    const onThread = diffTextLines(before, after);
    expect(fromWorker).toEqual(onThread);
    expect(fromWorker.some((l) => l.words?.some((w) => w.isChanged && w.text === "BETA"))).toBe(true);
    expect(buildRows(fromWorker, "split", new Set())).toEqual(buildRows(onThread, "split", new Set()));
  });

  it("stops the worker and rejects when the diff is no longer wanted", async () => {
    const controller = new AbortController();
    const pending = diffLinesOffThread(numbered(20_000), numbered(20_000, (i) => `changed ${i}`), controller.signal);
    controller.abort(new Error("the file changed again"));
    await expect(pending).rejects.toThrow("the file changed again");
  });
});

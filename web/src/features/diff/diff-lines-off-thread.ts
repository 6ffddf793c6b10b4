import type { DiffLine } from "./diff-model.ts";
import type { DiffLinesRequest, DiffLinesResponse } from "./diff-lines.worker.ts";
import type { SideTokens } from "./highlight.ts";
import { unpackLines } from "./packed-lines.ts";

/**
 * Texts up to this many characters (both sides together) are diffed on the page's thread: they take milliseconds, and
 * a worker's start would cost more than it saves.
 */
export const MAX_MAIN_THREAD_DIFF_CHARS = 100_000;

/** Whether a diff of these texts is worked out in a worker (a promise) rather than at once. */
export function isDiffedOffThread(before: string, after: string): boolean {
  return before.length + after.length > MAX_MAIN_THREAD_DIFF_CHARS && typeof Worker !== "undefined";
}

/** A name in the page's performance timeline: each diff worked out in a worker leaves a measure of its wait. */
export const OFF_THREAD_DIFF_MEASURE = "chatml:diff-off-main-thread";

const NO_TOKENS: SideTokens = { old: null, new: null };

/**
 * The line diff of two texts and their syntax tokens, worked out in a Web Worker of its own (a 3 MB diff took about a
 * second, and highlighting a 1.4 MB file as long again, with the page frozen). `lines` rejects when the diff fails;
 * `tokens` never does (a diff without highlighting is still a diff). `signal` ends the worker when the diff is no
 * longer wanted (the file changed again, the viewer closed).
 */
export function diffOffThread(request: DiffLinesRequest, signal: AbortSignal): { lines: Promise<DiffLine[]>; tokens: Promise<SideTokens> } {
  const startedAt = performance.now();
  const worker = new Worker(new URL("./diff-lines.worker.ts", import.meta.url), { type: "module", name: "diff" });
  let settleLines: { resolve: (lines: DiffLine[]) => void; reject: (error: unknown) => void } = { resolve: () => {}, reject: () => {} };
  let settleTokens: (tokens: SideTokens) => void = () => {};
  const lines = new Promise<DiffLine[]>((resolve, reject) => (settleLines = { resolve, reject }));
  const tokens = new Promise<SideTokens>((resolve) => (settleTokens = resolve));
  const fail = (error: unknown) => {
    worker.terminate();
    signal.removeEventListener("abort", onAbort);
    settleLines.reject(error);
    settleTokens(NO_TOKENS);
  };
  const onAbort = () => fail(signal.reason);
  signal.addEventListener("abort", onAbort);
  worker.onmessage = ({ data }: MessageEvent<DiffLinesResponse>) => {
    if ("error" in data) return fail(new Error(`The diff could not be worked out: ${data.error}`));
    if ("lines" in data) {
      const lines = unpackLines(data.lines, request.before, request.after);
      performance.measure(OFF_THREAD_DIFF_MEASURE, { start: startedAt, detail: { lineCount: lines.length } });
      return settleLines.resolve(lines);
    }
    worker.terminate();
    signal.removeEventListener("abort", onAbort);
    settleTokens(data.tokens);
  };
  worker.onerror = (event) => fail(new Error(`The diff could not be worked out: ${event.message || "its worker failed to start"}`));
  worker.postMessage(request satisfies DiffLinesRequest);
  return { lines, tokens };
}

import type { DiffLine } from "./diff-model.ts";
import type { DiffLinesRequest, DiffLinesResponse } from "./diff-lines.worker.ts";

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

/**
 * The line diff of two texts, worked out in a Web Worker of its own (a 3 MB diff takes about a second, which froze the
 * page). `signal` ends the worker when the diff is no longer wanted (the file changed again, the viewer closed).
 */
export function diffLinesOffThread(before: string, after: string, signal: AbortSignal): Promise<DiffLine[]> {
  const startedAt = performance.now();
  const worker = new Worker(new URL("./diff-lines.worker.ts", import.meta.url), { type: "module", name: "diff" });
  return new Promise<DiffLine[]>((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      signal.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort);
    worker.onmessage = (event: MessageEvent<DiffLinesResponse>) => {
      finish();
      if ("error" in event.data) return reject(new Error(`The diff could not be worked out: ${event.data.error}`));
      performance.measure(OFF_THREAD_DIFF_MEASURE, { start: startedAt, detail: { lineCount: event.data.lines.length } });
      resolve(event.data.lines);
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The diff could not be worked out: ${event.message || "its worker failed to start"}`));
    };
    worker.postMessage({ before, after } satisfies DiffLinesRequest);
  });
}


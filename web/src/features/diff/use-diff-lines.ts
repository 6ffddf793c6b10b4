import { useEffect, useMemo, useState } from "react";
import { diffLinesOffThread, isDiffedOffThread } from "./diff-lines-off-thread.ts";
import { diffTextLines, type DiffLine } from "./diff-model.ts";

type Computed = { lines: DiffLine[] | null; error: string | null };

/**
 * The diff's lines: at once for small texts, from a worker for large ones (null until its first answer, with an error
 * if it failed). While a worker works out a newer version of the texts the last answer stays, so a file Claude keeps
 * writing does not blink back to a placeholder (and lose the scroll) on every change.
 */
export function useDiffLines(before: string, after: string): { lines: DiffLine[] | null; error: string | null } {
  const isOffThread = isDiffedOffThread(before, after);
  const onThread = useMemo(() => (isOffThread ? null : diffTextLines(before, after)), [isOffThread, before, after]);
  const [computed, setComputed] = useState<Computed | null>(null);
  useEffect(() => {
    if (!isOffThread) return;
    const controller = new AbortController();
    diffLinesOffThread(before, after, controller.signal).then(
      (lines) => setComputed({ lines, error: null }),
      (error: unknown) => controller.signal.aborted || setComputed({ lines: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  }, [isOffThread, before, after]);
  if (onThread) return { lines: onThread, error: null };
  return { lines: computed?.lines ?? null, error: computed?.error ?? null };
}

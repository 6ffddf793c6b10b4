import { useEffect, useMemo, useState } from "react";
import { diffOffThread, isDiffedOffThread } from "./diff-lines-off-thread.ts";
import { diffTextLines, type DiffLine } from "./diff-model.ts";
import { highlightSides, type SideTokens } from "./highlight.ts";

/** A diff as the viewer shows it: its lines (null while a worker works them out), their highlighting, or an error. */
export type ComputedDiff = { lines: DiffLine[] | null; tokens: SideTokens; error: string | null };

const NO_TOKENS: SideTokens = { old: null, new: null };

/**
 * The diff of two texts, highlighted for `path`: small texts at once (highlighting follows), large ones in a worker.
 * While a worker works out a newer version of the texts the last answer stays, so a file Claude keeps writing does
 * not blink back to a placeholder (and lose the scroll) on every change.
 */
export function useDiff(before: string, after: string, path: string): ComputedDiff {
  const isOffThread = isDiffedOffThread(before, after);
  const onThread = useMemo(() => (isOffThread ? null : diffTextLines(before, after)), [isOffThread, before, after]);
  const [offThread, setOffThread] = useState<{ lines: DiffLine[] | null; error: string | null }>({ lines: null, error: null });
  const [tokens, setTokens] = useState<SideTokens>(NO_TOKENS);
  useEffect(() => {
    let isCurrent = true;
    if (!isOffThread) {
      highlightSides(path, before, after).then(
        (found) => isCurrent && setTokens(found),
        (error: unknown) => console.warn("chatml: highlighting failed", error),
      );
      return () => {
        isCurrent = false;
      };
    }
    const controller = new AbortController();
    const computing = diffOffThread({ before, after, path }, controller.signal);
    computing.lines.then(
      (lines) => setOffThread({ lines, error: null }),
      (error: unknown) => controller.signal.aborted || setOffThread({ lines: null, error: error instanceof Error ? error.message : String(error) }),
    );
    void computing.tokens.then((found) => controller.signal.aborted || setTokens(found));
    return () => controller.abort();
  }, [isOffThread, before, after, path]);
  return onThread ? { lines: onThread, tokens, error: null } : { ...offThread, tokens };
}

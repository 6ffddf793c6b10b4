import { useEffect, useState } from "react";
import { copyText } from "./copy-text.ts";
import { errorMessage } from "./http.ts";

/** How long a Copy button says "Copied" before it offers to copy again. */
export const COPIED_FOR_MS = 1500;

/**
 * "Copied" for a moment after a copy: said for good, it kept claiming so whatever was copied since. The timer goes with
 * the component (one scrolled away or closed sets no state later); a second copy inside the moment starts it again.
 * @example const [isCopied, markCopied] = useCopiedMoment(); copyText(text).then(markCopied, showError);
 */
export function useCopiedMoment(): [isCopied: boolean, markCopied: () => void, clearCopied: () => void] {
  // A count, not a flag: a copy while "Copied" still shows restarts the moment instead of ending it early.
  const [copies, setCopies] = useState(0);
  useEffect(() => {
    if (copies === 0) return;
    const timer = setTimeout(() => setCopies(0), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copies]);
  return [copies > 0, () => setCopies((n) => n + 1), () => setCopies(0)];
}

/**
 * A Copy control's whole outcome: "Copied" for a moment, or why nothing was copied (no clipboard on a plain-HTTP LAN
 * address, or the browser refused) — each Copy button kept its own state, some said "Copied" for good and one said
 * nothing at all when it failed. Show `problem` (e.g. `<ErrorText>`) and announce `isCopied` with `<CopiedStatus>`.
 * @example const { isCopied, problem, copy } = useCopy(); <button onClick={() => copy(text)}>{isCopied ? "Copied" : "Copy"}</button>
 */
export function useCopy(): { isCopied: boolean; problem: string | null; copy: (text: string) => void } {
  const [isCopied, markCopied, clearCopied] = useCopiedMoment();
  const [problem, setProblem] = useState<string | null>(null);
  const copy = (text: string) => {
    setProblem(null);
    copyText(text).then(markCopied, (error: unknown) => {
      clearCopied();
      setProblem(errorMessage(error));
    });
  };
  return { isCopied, problem, copy };
}

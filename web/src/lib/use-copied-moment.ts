import { useEffect, useState } from "react";

/** How long a Copy button says "Copied" before it offers to copy again. */
export const COPIED_FOR_MS = 1500;

/**
 * "Copied" for a moment after a copy: said for good, it kept claiming so whatever was copied since. The timer goes with
 * the component (one scrolled away or closed sets no state later).
 * @example const [isCopied, markCopied] = useCopiedMoment(); copyText(text).then(markCopied, showError);
 */
export function useCopiedMoment(): [isCopied: boolean, markCopied: () => void, clearCopied: () => void] {
  const [isCopied, setIsCopied] = useState(false);
  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setIsCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [isCopied]);
  return [isCopied, () => setIsCopied(true), () => setIsCopied(false)];
}

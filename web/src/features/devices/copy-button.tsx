import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { LiveWords } from "../../components/live-words.tsx";
import { copyText } from "../../lib/copy-text.ts";
import { errorMessage } from "../../lib/http.ts";
import { useCopiedMoment } from "../../lib/use-copied-moment.ts";

/**
 * Copies `text` and says "Copied" for a moment, or says why it could not: on a plain-HTTP address (`--lan`) the browser
 * gives the page no clipboard, and `navigator.clipboard?.writeText` did nothing and said nothing.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [isCopied, markCopied, clearCopied] = useCopiedMoment();
  const [error, setError] = useState<string | null>(null);
  const copy = () => {
    setError(null);
    void copyText(text).then(
      markCopied,
      (e: unknown) => {
        clearCopied();
        setError(errorMessage(e));
      },
    );
  };
  return (
    <>
      <Button variant="secondary" aria-label={label} onClick={copy}>{isCopied ? "Copied" : "Copy"}</Button>
      {/* The button keeps its name (what it copies): "Copied" on it alone was never read out. */}
      {isCopied ? <LiveWords text="Copied" /> : null}
      {error ? <div className="basis-full"><ErrorText message={error} /></div> : null}
    </>
  );
}

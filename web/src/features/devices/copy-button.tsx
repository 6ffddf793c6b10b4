import { Button } from "../../components/button.tsx";
import { CopiedStatus } from "../../components/copied-status.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useCopy } from "../../lib/use-copied-moment.ts";

/**
 * Copies `text` and says "Copied" for a moment, or says why it could not: on a plain-HTTP address (`--lan`) the browser
 * gives the page no clipboard, and `navigator.clipboard?.writeText` did nothing and said nothing.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { isCopied, problem, copy } = useCopy();
  return (
    <>
      <Button variant="secondary" aria-label={label} onClick={() => copy(text)}>{isCopied ? "Copied" : "Copy"}</Button>
      {/* The button keeps its name (what it copies): "Copied" on it alone was never read out. */}
      <CopiedStatus isCopied={isCopied} />
      {problem ? <div className="basis-full"><ErrorText message={problem} /></div> : null}
    </>
  );
}

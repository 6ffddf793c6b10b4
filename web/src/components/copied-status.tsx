import { LiveWords } from "./live-words.tsx";

/**
 * Tells a screen reader "Copied" (a Copy button keeps its name, which says what it copies). The live region is always
 * in the page, empty until the copy: one inserted with its words already in it is skipped by some screen readers.
 * @example const { isCopied, copy } = useCopy(); <CopiedStatus isCopied={isCopied} />
 */
export function CopiedStatus({ isCopied }: { isCopied: boolean }) {
  return <LiveWords text={isCopied ? "Copied" : ""} />;
}

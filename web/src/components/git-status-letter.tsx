import { STATUS_NAMES } from "../lib/git-status.ts";

/**
 * A file's one-letter git state ("M", "?", "U"…) with its word as the tooltip and, for a screen reader, in place of the
 * letter (a bare "U" or "?" said nothing of what it meant).
 */
export function GitStatusLetter({ letter, className = "w-4 shrink-0 text-stone-500" }: { letter: string; className?: string }) {
  const name = STATUS_NAMES[letter] ?? letter;
  return (
    <span data-testid="git-status-letter" title={name} className={className}>
      <span aria-hidden="true">{letter}</span>
      <span className="sr-only">{`${name}, `}</span>
    </span>
  );
}

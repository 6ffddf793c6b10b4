import { useMemo } from "react";
import { conflictHunks, markerLabel, resolveConflict, type ConflictChoice } from "../../../../shared/conflict-hunks.ts";
import { Button } from "../../components/button.tsx";

/**
 * Above a file with git's conflict markers: the first conflict left, with buttons that keep one side, the other or
 * both; each choice is an edit like any other (auto-saved, undoable in the editor). Fixing one by hand works as well.
 * On a phone, selecting marker lines to delete them is the hard way to resolve a conflict.
 */
export function ConflictChoices({ text, onResolve }: { text: string; onResolve: (text: string) => void }) {
  const hunks = useMemo(() => conflictHunks(text), [text]);
  const hunk = hunks[0];
  if (!hunk) return null;
  const ours = markerLabel(text, hunk.start) ?? "ours";
  const theirs = markerLabel(text, hunk.end) ?? "theirs";
  const where = `conflict at line ${hunk.start}`;
  const choose = (choice: ConflictChoice) => onResolve(resolveConflict(text, hunk, choice));
  return (
    <div role="group" aria-label={`Resolve the ${where}`} className="flex flex-wrap items-center gap-1 border-b border-amber-200 bg-amber-50 px-2 py-1 text-xs dark:border-amber-900 dark:bg-amber-950">
      <span className="min-w-0 basis-full px-1 md:flex-1 md:basis-auto">
        {hunks.length === 1 ? "1 conflict left" : `${hunks.length} conflicts left`}: line {hunk.start}
      </span>
      <Button variant="ghost" className="text-xs" aria-label={`Keep ${ours} (before =======) in the ${where}`} onClick={() => choose("ours")}>
        Keep {ours}
      </Button>
      <Button variant="ghost" className="text-xs" aria-label={`Keep ${theirs} (after =======) in the ${where}`} onClick={() => choose("theirs")}>
        Keep {theirs}
      </Button>
      <Button variant="ghost" className="text-xs" aria-label={`Keep both sides in the ${where}`} onClick={() => choose("both")}>
        Keep both
      </Button>
    </div>
  );
}

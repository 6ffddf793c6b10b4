import { useEffect, useRef, type RefObject } from "react";
import { plural, type GitChanges } from "../../../../shared/index.ts";

/** A commit made from this panel: its sha, its subject, whether it amended, and the head it was made on. */
export type CommittedHere = { sha: string; subject: string; isAmend: boolean; fromSha: string | null };

/**
 * What a commit made here left: said at the panel's top, which scrolls into view and takes the focus. Why: the commit
 * box sits below the lists of files, and after a commit of many files the panel stayed scrolled down there, over an
 * empty list and a Commit button turned off (the focus lost with it), with nothing to say it had worked.
 */
export function CommitResult({ committed, changes, scroller }: { committed: CommittedHere; changes: GitChanges | null; scroller: RefObject<HTMLElement | null> }) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    line.current?.focus({ preventScroll: true });
  }, [committed, scroller]);
  return (
    <p ref={line} tabIndex={-1} role="status" data-testid="commit-result" className="rounded-lg bg-emerald-50 p-2 text-sm text-emerald-900 outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 dark:bg-emerald-950 dark:text-emerald-200">
      {committed.isAmend ? "Amended the last commit" : "Committed"} <code className="font-mono text-xs">{committed.sha.slice(0, 7)}</code> “{committed.subject}”. {leftText(changes)}
    </p>
  );
}

/** What is left to commit once it is read again (null while it is read). */
function leftText(changes: GitChanges | null): string {
  if (!changes) return "";
  const staged = changes.staged.length;
  const unstaged = changes.unstaged.length;
  if (staged === 0 && unstaged === 0) return "Nothing left to commit.";
  if (staged === 0) return `Nothing staged; ${plural(unstaged, "changed file")} not staged.`;
  return `${plural(staged, "file")} still staged${unstaged > 0 ? `, ${plural(unstaged, "changed file")} not staged` : ""}.`;
}

/** The commit shown as made here, while the branch is where that commit left it (or about to be read so). */
export function isStillCommitted(committed: CommittedHere | null, headSha: string | null): committed is CommittedHere {
  return committed !== null && (headSha === committed.sha || headSha === committed.fromSha);
}

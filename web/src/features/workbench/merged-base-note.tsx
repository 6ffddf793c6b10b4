import { plural, type GitState, type SessionId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/**
 * What "Since base" means once the session's pull request is merged (ADR 0179), or null before: a squash or rebase
 * merge makes new commits on the base, so the list goes on showing the branch's work until the local base has the
 * merge, and it read as work still to ship. Says what of the list is not in the merge: later commits, uncommitted files.
 * @example shippedSentence(git) // "Pull request #4 is merged into main with these changes: nothing here is left to ship."
 */
export function shippedSentence(git: Pick<GitState, "mergedPullRequest" | "fileCount" | "files"> | null | undefined): string | null {
  const merged = git?.mergedPullRequest;
  if (!merged) return null;
  const said = `Pull request #${merged.number} is merged into ${merged.baseRef}`;
  const uncommitted = git.fileCount ?? git.files.length;
  const left = [
    merged.unmergedCommits > 0 ? `${plural(merged.unmergedCommits, "commit")} here ${merged.unmergedCommits === 1 ? "is" : "are"} not in it` : null,
    uncommitted > 0 ? `${plural(uncommitted, "changed file")} ${uncommitted === 1 ? "is" : "are"} not committed` : null,
  ].filter((part) => part !== null);
  return left.length === 0 ? `${said} with these changes: nothing here is left to ship.` : `${said}; ${left.join(", and ")}.`;
}

/** Above the "Since base" list: the session's merged pull request, said so the list does not read as unshipped work. */
export function MergedBaseNote({ sessionId }: { sessionId: SessionId }) {
  const sentence = useConversationsStore((s) => shippedSentence(s.sessions[sessionId]?.git));
  if (!sentence) return null;
  return (
    <p data-testid="changes-merged" className="border-b border-stone-200 px-2 py-1.5 text-xs text-emerald-800 dark:border-stone-800 dark:text-emerald-300">
      {sentence}
    </p>
  );
}

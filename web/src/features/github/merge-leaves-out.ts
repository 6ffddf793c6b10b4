import { plural, type GitState } from "../../../../shared/index.ts";

/**
 * What a merge on GitHub leaves out of the session's work, said beside Merge: GitHub merges the pull request's head as
 * it is there, so commits made here and not pushed, and changes not committed, stay behind (a tap on Merge and an
 * archived session was the first the user heard of it). Null when everything here is in the pull request. Commits
 * count as unpushed against the pull request's branch (`headRef`) only: a branch tracking its base is ahead of it by
 * the very commits the pull request holds.
 * @example leftOutOfMerge(git, "gadget") // "Merge takes the pull request as it is on GitHub: 1 commit here is not pushed."
 */
export function leftOutOfMerge(git: GitState | null | undefined, headRef: string): string | null {
  if (!git) return null;
  const unpushed = git.upstream?.name.endsWith(`/${headRef}`) ? git.upstream.ahead : 0;
  const uncommitted = git.fileCount ?? git.files.length;
  const parts = [
    unpushed > 0 ? `${plural(unpushed, "commit")} here ${unpushed === 1 ? "is" : "are"} not pushed` : null,
    uncommitted > 0 ? `${plural(uncommitted, "changed file")} ${uncommitted === 1 ? "is" : "are"} not committed` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : `Merge takes the pull request as it is on GitHub: ${parts.join(", and ")}.`;
}

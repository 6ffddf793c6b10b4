import { useShallow } from "zustand/react/shallow";
import { plural } from "../../../../shared/plural.ts";
import type { ConversationStatus, GitState, Session, SessionPriority, TaskStatus } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { LAST_KNOWN_DOT, lastKnownShort } from "../../lib/last-known.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";

export const PRIORITY_LABELS: Record<SessionPriority, string> = { urgent: "Urgent", high: "High", medium: "Medium", low: "Low" };
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  backlog: "Backlog",
  in_progress: "In progress",
  in_review: "In review",
  done: "Done",
  cancelled: "Cancelled",
};
export const PRIORITY_ORDER: Record<SessionPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/**
 * What a session's dot says, most urgent first: a problem, a conversation waiting for the user, work, setup, idle.
 * `isMoving`: something goes on (it pulses while the page hears about it).
 */
export function sessionState(session: Session, statuses: readonly ConversationStatus[]): { tone: string; label: string; isMoving: boolean } {
  if (session.problem) return { tone: "bg-red-500", label: "has a problem", isMoving: false };
  if (statuses.includes("waiting")) return { tone: "bg-amber-500", label: "waiting for you", isMoving: true };
  if (session.setup?.status === "running") return { tone: "bg-sky-500", label: "setting up", isMoving: true };
  if (statuses.some((s) => s === "running" || s === "starting")) return { tone: "bg-sky-500", label: "working", isMoving: true };
  if (session.setup?.error) return { tone: "bg-amber-500", label: "setup had a problem", isMoving: false };
  return { tone: "bg-emerald-500", label: "idle", isMoving: false };
}

/**
 * A dot for a session's state (see {@link sessionState}), live with its conversations. While the connection is lost it
 * is only the state last heard (ADR 0174): faint and still, its name saying so.
 */
export function SessionDot({ session }: { session: Session }) {
  const statuses = useConversationsStore(
    useShallow((s) => Object.values(s.conversations).flatMap((c) => (c.sessionId === session.id ? [c.status] : []))),
  );
  const isLastKnown = useIsConnectionLost();
  const { tone, label, isMoving } = sessionState(session, statuses);
  const said = isLastKnown ? lastKnownShort(label) : label;
  const motion = isLastKnown ? LAST_KNOWN_DOT : isMoving ? "animate-pulse" : "";
  return <span role="img" aria-label={said} title={said} data-last-known={isLastKnown || undefined} className={`inline-block size-2 shrink-0 rounded-full ${tone} ${motion}`} />;
}

/** The session's branch as checked out now (the worktree may have been switched outside ChatML). */
export function BranchLabel({ session }: { session: Session }) {
  const branch = session.git?.branch ?? session.branch;
  if (!branch) return <span className="text-stone-500">folder</span>;
  const isSwitched = session.branch !== null && session.git?.branch != null && session.git.branch !== session.branch;
  return (
    <span className="font-mono" title={isSwitched ? `Switched from ${session.branch} outside ChatML` : undefined}>
      {branch}
      {isSwitched ? " ⚠" : ""}
    </span>
  );
}

/**
 * "+3 −1 · 2 files · 2↑ 1↓ main · 1 to push": the session's change counts ("clean" when nothing is uncommitted), its
 * distance from the base, and what its branch has not pushed yet (so a pushed branch that is ahead of its base does not
 * read as unpushed). `isCompact` (phones) keeps the line counts and the commits ahead of or behind the base, e.g.
 * "clean · 1↑"; the rest shows from `sm` up.
 */
export function GitSummary({ session, isCompact = false }: { session: Session; isCompact?: boolean }) {
  const git = session.git;
  if (!git) return null;
  // Every changed file, as the Changes panel lists them: `files` stops at its first 300 (a state read by an older
  // server has no totals: its listed files are what there is).
  const additions = git.additions ?? git.files.reduce((n, f) => n + f.additions, 0);
  const deletions = git.deletions ?? git.files.reduce((n, f) => n + f.deletions, 0);
  const fileCount = git.fileCount ?? git.files.length;
  const base = session.baseBranch;
  const push = pushState(git);
  const wide = isCompact ? "hidden sm:inline" : "";
  return (
    <span className="font-mono text-xs text-stone-500 dark:text-stone-400">
      {fileCount === 0 ? <span title="No uncommitted changes">clean</span> : null}
      {/* A file with no counted lines (binary, empty, only renamed) still makes the tree dirty: it is named instead. */}
      {fileCount > 0 && additions + deletions === 0 ? plural(fileCount, "file") : null}
      {additions + deletions > 0 ? (
        <>
          <span className="text-emerald-700 dark:text-emerald-400">+{additions.toLocaleString("en-US")}</span>{" "}
          <span className="text-red-700 dark:text-red-400">−{deletions.toLocaleString("en-US")}</span>
          <span className={wide}>
            {DOT}
            {plural(fileCount, "file")}
          </span>
        </>
      ) : null}
      {base ? <BaseDistance git={git} base={base} isCompact={isCompact} /> : null}
      {push ? <span data-testid="push-state" className={wide}>
          {DOT}
          {push}
        </span> : null}
    </span>
  );
}

/**
 * "2↑ 1↓ main" (commits ahead of and behind the base); on a phone only the counts that are not zero, e.g. "1↑". Once
 * the session's PR is merged, "merged in #12": a squash or rebase merge puts new commits on the base, so git goes on
 * counting the branch's own as ahead, which read as work still to merge. A commit the PR did not take is still counted
 * ("merged in #12 · 1↑"), and so is being behind, which matters again for that work (ADR 0179).
 */
function BaseDistance({ git, base, isCompact }: { git: NonNullable<Session["git"]>; base: string; isCompact: boolean }) {
  const merged = git.mergedPullRequest ?? null;
  const ahead = merged ? merged.unmergedCommits : git.ahead;
  const counts = `${ahead}↑ ${git.behind}↓ ${base}`;
  const nonZero = [ahead > 0 ? `${ahead}↑` : "", git.behind > 0 ? `${git.behind}↓` : ""].filter(Boolean).join(" ");
  const title = merged ? mergedTitle(merged, git, base) : `${plural(git.ahead, "commit")} ahead of ${base}, ${git.behind} behind`;
  const full = merged ? dotJoin([`merged in #${merged.number}`, ahead > 0 && counts]) : counts;
  const short = merged ? dotJoin([`merged in #${merged.number}`, ahead > 0 && nonZero]) : nonZero;
  if (!isCompact) return <span title={title} data-testid="base-distance">
        {DOT}
        {full}
      </span>;
  return (
    <span title={title} data-testid="base-distance">
      {short ? (
        <span className="sm:hidden">
          <span aria-hidden="true">
            {DOT}
            {short}
          </span>
          <span className="sr-only">, {title}</span>
        </span>
      ) : null}
      <span className="hidden sm:inline">
        {DOT}
        {full}
      </span>
    </span>
  );
}

/** What "merged in #12" means: all the branch's work is in the PR, or which commits are not. */
function mergedTitle(merged: NonNullable<GitState["mergedPullRequest"]>, git: GitState, base: string): string {
  const into = `Pull request #${merged.number} merged into ${merged.baseRef}`;
  if (merged.unmergedCommits > 0) return `${into}; ${plural(merged.unmergedCommits, "commit")} here ${merged.unmergedCommits === 1 ? "is" : "are"} not in it, ${git.behind} behind ${base}`;
  if (git.ahead === 0) return `${into}; this branch's work is in it`;
  return `${into}; this branch's work is in it (git counts ${plural(git.ahead, "commit")} ahead of ${base}: a squash or rebase merge makes new ones)`;
}

/** Where the branch stands with its upstream: "1 to push", "2 to pull", "pushed"; null when it tracks nothing. */
export function pushState(git: NonNullable<Session["git"]>): string | null {
  const upstream = git.upstream;
  if (!upstream) return null;
  const parts = [upstream.ahead > 0 ? `${upstream.ahead} to push` : "", upstream.behind > 0 ? `${upstream.behind} to pull` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "pushed";
}

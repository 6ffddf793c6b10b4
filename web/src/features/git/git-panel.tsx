import { useEffect, useRef, useState } from "react";
import { isAtSyncPoint, plural, type GitChanges, type GitOperation, type GitState, type Session, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useReconnects } from "../../stores/connection-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { selectGitOperation, useGitOperationsStore } from "../../stores/git-operations-store.ts";
import { ChangeList } from "./change-list.tsx";
import { COMMIT_BOX_ACTIONS, CommitBox } from "./commit-box.tsx";
import { CommitResult, isStillCommitted, type CommittedHere } from "./commit-result.tsx";
import { gitApi } from "./git-api.ts";
import { HistoryList } from "./history-list.tsx";
import { StashList, type UncommittedCounts } from "./stash-list.tsx";
import { ConflictBanner, SYNC_ACTIONS, SyncActions, type SyncFailure } from "./sync-actions.tsx";
import { useGitAction } from "./use-git-action.ts";
import { useGitChanges } from "./use-git-changes.ts";
import { dotJoin } from "../../lib/dot-join.ts";

/**
 * The session's source control: branch and where it stands against its base and upstream, staged and unstaged files
 * with hunks, the commit box (Claude drafts, the user edits), push / pull / rebase / merge with progress and cancel,
 * and a stopped rebase or merge with its conflicts. Everything here updates live from the server's event stream.
 */
export function GitPanel({ sessionId }: { sessionId: SessionId }) {
  const session = useConversationsStore((s) => s.sessions[sessionId]);
  const operation = useGitOperationsStore(selectGitOperation(sessionId));
  const isDismissed = useGitOperationsStore((s) => (operation ? s.dismissed[operation.id] === true : false));
  const { changes, error: loadError, reload: readChangesAgain } = useGitChanges(session);
  const { busy, error, failed, run } = useGitAction();
  // The commit box's and the sync buttons' own failures (a refusing hook, a rejected push) show under their buttons,
  // where the user is: at the panel's top a phone showed them off screen, or moved what the user was looking at.
  const commitError = failed && COMMIT_BOX_ACTIONS.includes(failed) ? error : null;
  const syncError = failed && SYNC_ACTIONS.includes(failed) ? error : null;
  // A file's or hunk's action: its failure shows under that file's row (changeAction) or beside that hunk (hunkAction).
  const listFailure = failed?.startsWith("changes:") && error ? { label: failed, message: error } : null;
  const reconnects = useReconnects();
  const scroller = useRef<HTMLElement>(null);
  const [committed, setCommitted] = useState<CommittedHere | null>(null);
  useEffect(() => {
    gitApi.operation(sessionId).then(
      ({ operation: current }) => current && useGitOperationsStore.getState().put(current),
      (e: unknown) => console.warn("[git] reading the running operation failed:", e),
    );
  }, [sessionId, reconnects]);
  if (!session) return null;
  if (!session.git) {
    return <p className="p-4 text-sm text-stone-500">{session.problem ?? "This session's folder is not a git repository (or its state is still being read)."}</p>;
  }
  const git = session.git;
  // Once the branch was seen at the commit, the head it was made on no longer counts as "about to be read so": a
  // `git reset HEAD~` in a terminal brought the "Committed …" line back (set while rendering: state that follows a prop).
  if (committed?.fromSha && git.headSha === committed.sha) setCommitted({ ...committed, fromSha: null });
  const version = JSON.stringify({ ...git, checkedAt: 0 });
  const syncFailure = currentSyncFailure(operation, isDismissed, git, syncError);
  // The panel scrolls itself: a phone's view clips what overflows, so a long list of files hid the commit box.
  return (
    <section ref={scroller} aria-label="Git" className="h-full min-h-0 overflow-y-auto">
      <div className="flex flex-col gap-4 p-3">
        <BranchLine session={session} git={git} />
        {isStillCommitted(committed, git.headSha) ? <CommitResult committed={committed} changes={changes} scroller={scroller} /> : null}
        <ErrorText message={commitError || syncError || listFailure ? null : error} className="whitespace-pre-wrap rounded-lg bg-red-50 p-2 font-mono text-xs dark:bg-red-950" />
        {/* A continue another device started (its hooks may run long) holds Continue and Abort back here too. */}
        <ConflictBanner sessionId={sessionId} git={git} busy={busy ?? (operation?.status === "running" ? operation.kind : null)} run={run} />
        {loadError ? (
          <div className="flex items-start gap-2">
            <ErrorText message={loadError} className="min-w-0 flex-1" />
            <Button aria-label="Try again: read the changes" onClick={readChangesAgain}>
              Try again
            </Button>
          </div>
        ) : null}
        {changes ? (
          <>
            <ChangeList sessionId={sessionId} title="Staged" files={changes.staged} isStaged version={version} run={run} truncatedFrom={changes.truncatedFrom} failure={listFailure} />
            <ChangeList sessionId={sessionId} title="Changes" files={changes.unstaged} isStaged={false} version={version} run={run} truncatedFrom={changes.truncatedFrom} failure={listFailure} />
          </>
        ) : loadError ? null : (
          <p className="text-xs text-stone-500">Reading changes…</p>
        )}
        <CommitBox sessionId={sessionId} stagedCount={changes ? changes.staged.length : null} changedCount={changes ? changes.staged.length + changes.unstaged.length : null} pushedTo={git.upstream?.ahead === 0 ? git.upstream.name : null} busy={busy} operation={operation} error={commitError} run={run} onCommitted={(commit) => setCommitted({ ...commit, fromSha: git.headSha })} />
        <StashList sessionId={sessionId} uncommitted={changes ? uncommittedCounts(changes) : null} version={`${git.stashes ?? ""}:${git.headSha}:${changes ? changes.staged.length + changes.unstaged.length : "-"}`} />
        <SyncActions sessionId={sessionId} git={git} baseBranch={session.baseBranch} operation={operation} busy={busy} run={run} failure={syncFailure} />
        <HistoryList sessionId={sessionId} baseBranch={session.baseBranch} version={`${git.headSha}:${git.upstream?.ahead ?? "-"}:${git.ahead}`} />
      </div>
    </section>
  );
}

/**
 * The sync failure to show: the last long operation's (a push another device ran too), until it is dismissed here or
 * the branch moves from where it failed (a pull, a commit, a push from a terminal) — then it no longer applies. A
 * sync action refused before it started (one already running) has no operation: its error shows until the next action.
 */
function currentSyncFailure(operation: GitOperation | null, isDismissed: boolean, git: GitState, syncError: string | null): SyncFailure | null {
  // A failed commit is the commit box's to say (on every device it is the hook's refusal of that commit, not the branch's).
  if (operation?.status === "failed" && operation.kind !== "commit") {
    const applies = !isDismissed && operation.message !== null && (operation.failedAt === null || isAtSyncPoint(git, operation.failedAt));
    // The action's own error is this failure (one message); once it no longer applies, neither does the error.
    if (syncError === null || syncError === operation.message) return applies && operation.message ? { message: operation.message, kind: operation.kind, onDismiss: () => useGitOperationsStore.getState().dismiss(operation.id), isOwn: syncError !== null } : null;
  }
  return syncError ? { message: syncError, kind: null, onDismiss: null, isOwn: true } : null;
}

/** Tracked and untracked files not committed (a file both staged and changed again counts twice: only zero matters). */
function uncommittedCounts(changes: GitChanges): UncommittedCounts {
  const untracked = changes.unstaged.filter((file) => file.status === "?").length;
  return { tracked: changes.staged.length + changes.unstaged.length - untracked, untracked };
}

function BranchLine({ session, git }: { session: Session; git: GitState }) {
  return (
    <div className="flex flex-col gap-0.5 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-semibold" data-testid="git-panel-branch">
          {git.branch ?? `${git.operation === "rebase" ? "rebasing — " : ""}detached at ${git.headSha?.slice(0, 7) ?? "?"}`}
        </span>
        {session.baseBranch ? (
          <span className="text-xs text-stone-500" data-testid="git-behind-base">
            {dotJoin([`${git.ahead} ahead`, `${git.behind} behind ${session.baseBranch}`])}
          </span>
        ) : null}
        {git.upstream ? (
          <span className="text-xs text-stone-500" data-testid="git-upstream">
            {dotJoin([`${git.upstream.ahead} to push`, `${git.upstream.behind} to pull (${git.upstream.name})`])}
          </span>
        ) : (
          <span className="text-xs text-stone-500">{git.hasOrigin ? "not pushed yet" : "no remote"}</span>
        )}
      </div>
      {git.mergedPullRequest ? (
        <p className="text-xs text-emerald-800 dark:text-emerald-300" data-testid="git-merged">
          {mergedLine(git.mergedPullRequest, git.ahead)}
        </p>
      ) : null}
      {git.headSubject ? (
        <p className="truncate text-xs text-stone-500" data-testid="git-head-subject">
          Last commit: {git.headSubject}
        </p>
      ) : null}
    </div>
  );
}

/** The merged PR in a sentence: the branch's work is in its base, or how many commits here are not (ADR 0179). */
function mergedLine(merged: NonNullable<GitState["mergedPullRequest"]>, ahead: number): string {
  const said = `Pull request #${merged.number} is merged into ${merged.baseRef}`;
  if (merged.unmergedCommits > 0) return `${said}; ${plural(merged.unmergedCommits, "commit")} here ${merged.unmergedCommits === 1 ? "is" : "are"} not in it.`;
  return ahead > 0 ? `${said} with this branch's work: git counts it ahead because a squash or rebase merge makes new commits.` : `${said} with this branch's work.`;
}

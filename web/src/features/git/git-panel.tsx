import { useEffect } from "react";
import type { GitState, Session, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useReconnects } from "../../stores/connection-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { selectGitOperation, useGitOperationsStore } from "../../stores/git-operations-store.ts";
import { ChangeList } from "./change-list.tsx";
import { COMMIT_BOX_ACTIONS, CommitBox } from "./commit-box.tsx";
import { gitApi } from "./git-api.ts";
import { HistoryList } from "./history-list.tsx";
import { ConflictBanner, SyncActions } from "./sync-actions.tsx";
import { useGitAction } from "./use-git-action.ts";
import { useGitChanges } from "./use-git-changes.ts";

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
  // The commit box's own failures (a refusing hook) show under its buttons, where the user is: at the panel's top a
  // phone showed them off screen, or moved what the user was looking at.
  const commitError = failed && COMMIT_BOX_ACTIONS.includes(failed) ? error : null;
  const reconnects = useReconnects();
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
  const version = JSON.stringify({ ...git, checkedAt: 0 });
  const failure = operation?.status === "failed" && !isDismissed ? operation.message : null;
  // The panel scrolls itself: a phone's view clips what overflows, so a long list of files hid the commit box.
  return (
    <section aria-label="Git" className="h-full min-h-0 overflow-y-auto">
      <div className="flex flex-col gap-4 p-3">
        <BranchLine session={session} git={git} />
        <ErrorText message={commitError ? null : error} className="whitespace-pre-wrap rounded-lg bg-red-50 p-2 font-mono text-xs dark:bg-red-950" />
        {failure && !error && operation ? (
          <div className="flex items-start gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950">
            <ErrorText message={failure} className="min-w-0 flex-1 whitespace-pre-wrap font-mono text-xs" />
            <Button variant="ghost" aria-label={`Dismiss: ${operation.kind} failed`} onClick={() => useGitOperationsStore.getState().dismiss(operation.id)}>
              ✕
            </Button>
          </div>
        ) : null}
        <ConflictBanner sessionId={sessionId} git={git} busy={busy} run={run} />
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
            <ChangeList sessionId={sessionId} title="Staged" files={changes.staged} isStaged version={version} run={run} />
            <ChangeList sessionId={sessionId} title="Changes" files={changes.unstaged} isStaged={false} version={version} run={run} />
          </>
        ) : loadError ? null : (
          <p className="text-xs text-stone-500">Reading changes…</p>
        )}
        <CommitBox sessionId={sessionId} stagedCount={changes?.staged.length ?? 0} busy={busy} error={commitError} run={run} />
        <SyncActions sessionId={sessionId} git={git} baseBranch={session.baseBranch} operation={operation} busy={busy} run={run} />
        <HistoryList sessionId={sessionId} baseBranch={session.baseBranch} version={`${git.headSha}:${git.upstream?.ahead ?? "-"}:${git.ahead}`} />
      </div>
    </section>
  );
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
            {git.ahead} ahead · {git.behind} behind {session.baseBranch}
          </span>
        ) : null}
        {git.upstream ? (
          <span className="text-xs text-stone-500" data-testid="git-upstream">
            {git.upstream.ahead} to push · {git.upstream.behind} to pull ({git.upstream.name})
          </span>
        ) : (
          <span className="text-xs text-stone-500">not pushed yet</span>
        )}
      </div>
      {git.headSubject ? (
        <p className="truncate text-xs text-stone-500" data-testid="git-head-subject">
          Last commit: {git.headSubject}
        </p>
      ) : null}
    </div>
  );
}

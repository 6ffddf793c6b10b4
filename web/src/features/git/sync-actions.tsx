import { useEffect, useId, useRef } from "react";
import { plural, type GitOperation, type GitState, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { gitApi } from "./git-api.ts";
import { DOT } from "../../lib/dot-join.ts";

type Run = <T>(label: string, action: () => Promise<T>) => Promise<T | undefined>;
/**
 * A push, pull, rebase or merge that failed: git's words, (for a tracked operation) a way to put them away, and
 * whether it answers an action this device just ran.
 */
export type SyncFailure = { message: string; kind: GitOperation["kind"] | null; onDismiss: (() => void) | null; isOwn: boolean };
type Props = { sessionId: SessionId; git: GitState; baseBranch: string | null; operation: GitOperation | null; busy: string | null; run: Run; failure: SyncFailure | null };

/** Why Push is off in a repository without a remote named origin (the server pushes there: server/core/source-control/preconditions.ts). */
export const NO_ORIGIN = "This repository has no remote named origin, so there is nowhere to push: add one (git remote add origin <url>) and Push comes on.";

/** The labels the sync buttons run their actions under (their errors show with them, not at the panel's top). */
export const SYNC_ACTIONS: string[] = ["push", "pull", "rebase", "merge"];

/**
 * Push, bring in the base (rebase or merge) or the upstream; the running operation with progress and Cancel; and what
 * the last of them failed on, under the buttons the user just tapped.
 */
export function SyncActions({ sessionId, git, baseBranch, operation, busy, run, failure }: Props) {
  const isRunning = operation?.status === "running";
  const isBlocked = busy !== null || isRunning || git.operation !== null;
  const pushLabel = git.upstream ? `Push${git.upstream.ahead > 0 ? ` ${git.upstream.ahead}` : ""}` : "Push (set upstream)";
  // The push is the step to take only when there is something to push; up to date it stays (a no-op) but not as the
  // accent of the panel. A branch never pushed has something to push once it has a commit of its own (a new session's
  // branch is its base's last commit: nothing of this session's would go up).
  // A local-only repository has nowhere to push: the button said so only once tapped, as an error.
  const cannotPush = git.upstream === null && !git.hasOrigin ? NO_ORIGIN : null;
  // Once the session's PR is merged, only commits it did not take are the branch's own (a squash merge leaves the
  // merged ones "ahead", and GitHub may have deleted the branch they were pushed to).
  const ownCommits = git.mergedPullRequest?.unmergedCommits ?? git.ahead;
  const hasToPush = cannotPush === null && (git.upstream === null ? ownCommits > 0 : git.upstream.ahead > 0);
  const noPushId = useId();
  return (
    <section aria-label="Sync" className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button variant={hasToPush ? "primary" : "secondary"} disabled={isBlocked || cannotPush !== null} aria-describedby={cannotPush ? noPushId : undefined} onClick={() => void run("push", () => gitApi.push(sessionId, { isForce: false }))}>
          {pushLabel}
        </Button>
        {baseBranch ? (
          <>
            <Button disabled={isBlocked} onClick={() => void run("rebase", () => gitApi.integrate(sessionId, { mode: "rebase", from: "base" }))}>
              Pull & rebase onto {baseBranch}
            </Button>
            <Button disabled={isBlocked} onClick={() => void run("merge", () => gitApi.integrate(sessionId, { mode: "merge", from: "base" }))}>
              Merge {baseBranch} in
            </Button>
          </>
        ) : null}
        {git.upstream ? (
          <Button disabled={isBlocked} onClick={() => void run("pull", () => gitApi.integrate(sessionId, { mode: "rebase", from: "upstream" }))}>
            Pull {git.upstream.behind > 0 ? `${git.upstream.behind} ` : ""}from {git.upstream.name}
          </Button>
        ) : null}
      </div>
      {cannotPush ? (
        <p id={noPushId} className="text-xs text-stone-500">
          {cannotPush}
        </p>
      ) : null}
      {failure ? <SyncFailureNote failure={failure} /> : null}
      {git.upstream && git.upstream.ahead > 0 && git.upstream.behind > 0 ? (
        <ForcePush sessionId={sessionId} upstream={git.upstream} isBlocked={isBlocked} run={run} />
      ) : null}
      {/* A stop on conflicts is news only while the rebase or merge waits (continued or aborted, it is over). */}
      {/* A commit shows in the commit box, where it was started; here it only holds the sync buttons back while it runs. */}
      {operation && operation.kind !== "commit" && !(operation.status === "conflicts" && git.operation === null) ? <OperationLine operation={operation} onCancel={() => void gitApi.cancel(sessionId)} /> : null}
    </section>
  );
}

/**
 * git's own words wrap (a phone is narrow; a remote's URL has no spaces) and keep their line breaks. The answer to the
 * user's own tap is scrolled into view: on a phone the sync buttons sit at the screen's bottom edge, so the note under
 * them appeared off screen and the tap seemed to do nothing. A failure another device's push left is not: opening the
 * panel must not jump to it.
 */
function SyncFailureNote({ failure }: { failure: SyncFailure }) {
  const note = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure.isOwn) note.current?.scrollIntoView({ block: "nearest" });
  }, [failure.isOwn, failure.message]);
  return (
    <div ref={note} className="flex items-start gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950">
      <ErrorText message={failure.message} className="min-w-0 flex-1 whitespace-pre-wrap font-mono text-xs [overflow-wrap:anywhere]" />
      {failure.onDismiss ? (
        <Button variant="ghost" aria-label={`Dismiss: ${failure.kind ?? "sync"} failed`} onClick={failure.onDismiss}>
          ✕
        </Button>
      ) : null}
    </div>
  );
}

/**
 * The branch and its upstream have diverged, so a plain push is refused. Two causes call for opposite steps: commits
 * pushed there from elsewhere are pulled (the branch's own go on top), while commits amended or rebased after they
 * were pushed are force pushed. Force push replaces origin's copy, but only if it is still what this clone last saw
 * (--force-with-lease): work someone else pushed since is never overwritten.
 */
function ForcePush({ sessionId, upstream, isBlocked, run }: { sessionId: SessionId; upstream: NonNullable<GitState["upstream"]>; isBlocked: boolean; run: Run }) {
  const theirs = plural(upstream.behind, "commit");
  return (
    <div className="flex flex-col gap-1 rounded-lg bg-amber-50 p-2 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-100" data-testid="force-push">
      <p>
        Your branch and {upstream.name} have diverged ({upstream.ahead} here, {upstream.behind} there). If {theirs} {upstream.behind === 1 ? "was" : "were"} pushed there from
        elsewhere, pull first: “Pull {upstream.behind} from {upstream.name}” puts yours on top. If you amended or rebased commits you had pushed, a force push
        replaces {upstream.name} with your branch, dropping its {theirs} not in yours; it is refused if anyone pushed since you last fetched.
      </p>
      {isBlocked ? null : (
        <ConfirmButton label="Force push…" confirmLabel={`Replace ${upstream.name}`} name={`Force push (with lease) to ${upstream.name}`} onConfirm={() => void run("push", () => gitApi.push(sessionId, { isForce: true }))} />
      )}
    </div>
  );
}

const ENDED: Record<Exclude<GitOperation["status"], "running">, string> = { done: "done", failed: "failed", cancelled: "cancelled", conflicts: "stopped on conflicts" };

function OperationLine({ operation, onCancel }: { operation: GitOperation; onCancel: () => void }) {
  if (operation.status !== "running") {
    if (operation.status === "failed") return null;
    return (
      <p role="status" className="text-xs text-stone-500">
        Last {operation.kind}: {ENDED[operation.status]}
        {operation.message && operation.status !== "conflicts" ? ` — ${operation.message}` : ""}
      </p>
    );
  }
  const percent = operation.percent ?? 0;
  return (
    <div role="status" aria-label={`${operation.kind} running`} className="flex items-center gap-2">
      <span className="text-sm">
        {operation.kind[0]?.toUpperCase()}
        {operation.kind.slice(1)} running{operation.stage ? `${DOT}${operation.stage} ${percent}%` : "…"}
      </span>
      <progress className="h-2 min-w-0 flex-1" max={100} value={operation.percent ?? undefined} aria-label={`${operation.kind} progress`} />
      <Button variant="danger" onClick={onCancel}>
        Cancel {operation.kind}
      </Button>
    </div>
  );
}

/** A rebase or merge stopped on conflicts: the paths (stage one once fixed), Continue and Abort. */
export function ConflictBanner({ sessionId, git, busy, run }: { sessionId: SessionId; git: GitState; busy: string | null; run: Run }) {
  if (!git.operation) return null;
  return (
    <section aria-label="Conflicts" className="flex flex-col gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">
        The {git.operation} stopped{stoppedOn(git)}. Open each to fix it (the conflict markers show where), mark it resolved, then
        continue — or abort to go back to where you were.
      </p>
      <ul className="flex flex-col gap-1" aria-label="Files in conflict">
        {git.conflicts.map((path) => (
          <li key={path} className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate" data-conflict-path={path}>
              {path}
            </code>
            <OpenButton sessionId={sessionId} path={path} />
            <Button variant="ghost" aria-label={`Mark ${path} resolved`} disabled={busy !== null} onClick={() => void run("resolve", () => gitApi.stage(sessionId, [path]))}>
              Mark resolved
            </Button>
          </li>
        ))}
        {/* Files resolved since the stop stay listed, so the user keeps track of every file that was in conflict. */}
        {git.resolvedConflicts.map((path) => (
          <li key={path} className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate" data-resolved-path={path}>
              {path}
            </code>
            <span className="text-xs font-semibold text-green-800 dark:text-green-300">Resolved</span>
            <OpenButton sessionId={sessionId} path={path} />
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button variant="primary" disabled={busy !== null} onClick={() => void run("continue", () => gitApi.continueOperation(sessionId))}>
          Continue {git.operation}
        </Button>
        <Button variant="danger" disabled={busy !== null} onClick={() => void run("abort", () => gitApi.abortOperation(sessionId))}>
          Abort {git.operation}
        </Button>
      </div>
    </section>
  );
}

function OpenButton({ sessionId, path }: { sessionId: SessionId; path: string }) {
  return (
    <Button variant="ghost" aria-label={`Open ${path} in the editor`} onClick={() => useWorkbenchStore.getState().openDoc(sessionId, { kind: "file", path })}>
      Open
    </Button>
  );
}

/** " on conflicts in 3 files (1 resolved)": every file that was in conflict, however many are resolved by now. */
function stoppedOn(git: GitState): string {
  const total = git.conflicts.length + git.resolvedConflicts.length;
  if (total === 0) return "";
  return ` on conflicts in ${plural(total, "file")}${git.resolvedConflicts.length > 0 ? ` (${git.resolvedConflicts.length} resolved)` : ""}`;
}

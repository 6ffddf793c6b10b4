import type { PullRequest, Run, RunId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { jobsApi } from "../../lib/jobs-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { selectPullRequest, usePullRequestStore } from "../../stores/pull-request-store.ts";
import { isRunActive } from "./job-labels.ts";
import { useAction } from "./use-action.ts";

/**
 * What can be done with a run: cancel it while active, resume one a restart cut off, turn a finished one into a PR.
 * Resuming and opening a PR need the run's session: once it is deleted (`isSessionGone`) they are not offered. A run
 * whose branch holds no commits and no changes (its session's live git state says so) has nothing for a pull request:
 * that is said instead of offering a button that can only be refused.
 */
export function RunActions({ run, isSessionGone, onDone }: { run: Run; isSessionGone: boolean; onDone: () => void }) {
  const action = useAction();
  const pullRequest = usePullRequestStore(selectPullRequest(run.sessionId ?? ""));
  const isActive = isRunActive(run.status);
  const git = useConversationsStore((s) => (run.sessionId ? (s.sessions[run.sessionId]?.git ?? null) : null));
  const isNothingToShip = !isActive && !pullRequest && git !== null && git.ahead === 0 && git.files.length === 0;
  const canOpenPr = !isActive && run.sessionId !== null && !isSessionGone && !pullRequest && !isNothingToShip;
  const id = run.id as RunId;
  const openPr = () =>
    action.run(async () => {
      const { pullRequest: opened } = await jobsApi.openPullRequest(id);
      usePullRequestStore.getState().set(opened.sessionId, opened as PullRequest);
      onDone(); // the run's log now says what was pushed and opened
    });
  const canResume = run.isResumable && !isSessionGone;
  if (!isActive && !canResume && !canOpenPr && !pullRequest && !action.error && !isNothingToShip) return null; // nothing to offer: no empty row
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {isActive ? <Button disabled={action.isBusy} onClick={() => action.run(() => jobsApi.cancelRun(id))}>Cancel run</Button> : null}
        {canResume ? <Button disabled={action.isBusy} onClick={() => action.run(() => jobsApi.resumeRun(id))}>Resume run</Button> : null}
        {canOpenPr ? <Button disabled={action.isBusy} onClick={openPr}>{action.isBusy ? "Pushing and opening…" : "Open a pull request"}</Button> : null}
        {pullRequest ? (
          <a href={pullRequest.url} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center text-sm font-medium text-accent underline">
            Pull request #{pullRequest.number} ({pullRequest.state})
          </a>
        ) : null}
      </div>
      {isNothingToShip && !isSessionGone ? <p className="text-sm text-stone-600 dark:text-stone-400">No pull request to open: the run left no commits and no changes on its branch.</p> : null}
      <ErrorText message={action.error} />
    </div>
  );
}

import { useMemo } from "react";
import { formatUsd, type JobId, type Run, type RunId } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { jobsApi } from "../../lib/jobs-api.ts";
import { dotJoin } from "../../lib/dot-join.ts";
import { useJobsViewStore, type RunHistoryView } from "../../stores/jobs-view-store.ts";
import { formatDuration, formatTime, isRunActive, TRIGGER_LABELS } from "./job-labels.ts";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { useAction } from "./use-action.ts";
import { useRunSession } from "./use-run-session.ts";
import { ScreenLink } from "../../components/route-link.tsx";

/** How many more runs each "Show older runs" shows (and reads from the server when this device does not hold them). */
const PAGE = 20;
const NO_RUNS: Run[] = [];

/**
 * A job's run history, newest first: state, why it ran, its summary or error; open, cancel or resume each (open and
 * resume only while the run's conversation exists). `runs` are the job's newest, kept live; `total` counts all its
 * runs, and older ones are read from the server a page at a time, so a long history is reachable without being drawn
 * whole. How far back it is shown outlives the screen (a run opened and the back button).
 */
export function RunList({ jobId, runs, total, limit = 5 }: { jobId: string; runs: Run[]; total: number; limit?: number }) {
  const view = useJobsViewStore((s) => s.histories[jobId]);
  const shown = view?.shown ?? limit;
  const older = view?.older ?? NO_RUNS;
  const action = useAction();
  const known = useMemo(() => mergeNewestFirst(runs, older), [runs, older]);
  if (known.length === 0) return <p className="text-xs text-stone-500">No runs yet.</p>;
  const count = Math.max(total, known.length);
  const visible = known.slice(0, shown);
  const setView = (next: RunHistoryView) => useJobsViewStore.getState().setHistory(jobId, next);
  const showOlder = () =>
    action.run(async () => {
      const oldest = known.at(-1);
      const page = known.length < shown + PAGE && known.length < count && oldest ? await jobsApi.olderRuns(jobId as JobId, oldest.id as RunId, PAGE) : null;
      setView({ shown: shown + PAGE, older: page ? [...older, ...(page.runs as Run[])] : older });
    });
  return (
    <>
      <ul aria-label="Runs" className="flex flex-col divide-y divide-stone-200 dark:divide-stone-800">
        {visible.map((run) => (
          <RunRow key={run.id} run={run} runningRun={runs.find((other) => other.status === "running" || other.status === "waiting") ?? null} />
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        {visible.length < count ? (
          <Button variant="ghost" className="text-xs" disabled={action.isBusy} onClick={() => void showOlder()}>
            Show older runs ({count - visible.length} more)
          </Button>
        ) : null}
        {visible.length > limit ? (
          <Button variant="ghost" className="text-xs" onClick={() => setView({ shown: limit, older })}>
            Show the newest only
          </Button>
        ) : null}
      </div>
      {action.error ? <p role="alert" className="text-xs text-red-700">Older runs could not be read: {action.error}</p> : null}
    </>
  );
}

/** The job's live newest runs and the older pages read since, each run once (the live copy wins), newest first. */
function mergeNewestFirst(live: Run[], older: Run[]): Run[] {
  const liveIds = new Set(live.map((run) => run.id));
  return [...live, ...older.filter((run) => !liveIds.has(run.id))].sort((a, b) => b.queuedAt - a.queuedAt);
}

/** `runningRun`: the job's run now running, which a queued run waits for (runs of one job never run side by side). */
function RunRow({ run, runningRun }: { run: Run; runningRun: Run | null }) {
  const action = useAction();
  const isActive = isRunActive(run.status);
  const { isConversationGone } = useRunSession(run);
  return (
    <li data-testid="run-row" data-status={run.status} className="flex flex-col gap-1 py-2 first:pt-0">
      {/* What the run is, then its actions as one group: on a phone the group wraps whole, never one button alone. */}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="flex min-w-0 flex-1 basis-56 flex-wrap items-center gap-2">
          <RunStatusBadge status={run.status} />
          <span className="text-xs text-stone-500">
            {dotJoin([
              TRIGGER_LABELS[run.trigger],
              formatTime(run.startedAt ?? run.queuedAt),
              run.status === "queued" && run.notBefore !== null && `starts at ${formatTime(run.notBefore)} at the earliest`,
              run.status === "queued" && run.conversationId !== null && "resumes when its turn comes",
              run.status === "queued" && runningRun && `starts when the run since ${formatTime(runningRun.startedAt ?? runningRun.queuedAt)} ends`,
              run.startedAt && run.endedAt ? formatDuration(run.endedAt - run.startedAt) : null,
              run.costUsd !== null && formatUsd(run.costUsd),
            ])}
          </span>
        </span>
        {/* Each named by its job, as Details and Open are: a list of runs had many a bare "Cancel" and "Resume". */}
        <span className="ml-auto flex shrink-0 items-center gap-1">
          <ScreenLink route={{ view: "run", id: run.id }} className={buttonLook("ghost", "text-xs")} aria-label={`Details of the run of ${run.jobName}`}>
            Details
          </ScreenLink>
          {run.conversationId && !isConversationGone ? (
            <ScreenLink route={{ view: "conversation", id: run.conversationId, messageId: null }} className={buttonLook("ghost", "text-xs")} aria-label={`Open run of ${run.jobName}`}>
              Open
            </ScreenLink>
          ) : null}
          {isActive ? (
            <Button variant="ghost" className="text-xs" disabled={action.isBusy} aria-label={`Cancel the run of ${run.jobName}`} onClick={() => action.run(() => jobsApi.cancelRun(run.id as RunId))}>
              Cancel
            </Button>
          ) : null}
          {run.isResumable && !isConversationGone ? (
            <Button variant="ghost" className="text-xs" disabled={action.isBusy} aria-label={`Resume the run of ${run.jobName}`} onClick={() => action.run(() => jobsApi.resumeRun(run.id as RunId))}>
              Resume
            </Button>
          ) : null}
        </span>
      </div>
      {run.error ? <p className="break-words text-xs text-red-700 dark:text-red-400">{run.error}</p> : null}
      {run.summary ? <p className="break-words text-xs text-stone-700 dark:text-stone-300">{run.summary}</p> : null}
      {action.error ? <p role="alert" className="text-xs text-red-700">{action.error}</p> : null}
    </li>
  );
}

import { useMemo } from "react";
import type { Job, JobId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { jobsApi } from "../../lib/jobs-api.ts";
import { runsOfJob, useJobsStore } from "../../stores/jobs-store.ts";
import { formatTime, shortSchedule } from "./job-labels.ts";
import { RunList } from "./run-list.tsx";
import { SchedulePreview } from "./schedule-editor.tsx";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { useAction } from "./use-action.ts";

/** One job: schedule, next fire, last result, run now / pause / resume, and its run history. */
export function JobCard({ job }: { job: Job }) {
  const allRuns = useJobsStore((s) => s.runs);
  const runs = useMemo(() => runsOfJob(allRuns, job.id), [allRuns, job.id]);
  const action = useAction();
  const last = runs[0];
  return (
    <article aria-label={`Job ${job.name}`} data-testid="job-card" className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 flex-1 truncate text-sm font-semibold">{job.name}</h3>
        {last ? <RunStatusBadge status={last.status} /> : null}
      </header>
      {job.isEnabled ? (
        <>
          <SchedulePreview schedule={job.schedule} showNext={false} />
          <p className="text-xs text-stone-600 dark:text-stone-400">{job.nextFireAt ? `Next run ${formatTime(job.nextFireAt)}` : "No more runs scheduled"}</p>
        </>
      ) : (
        <p className="text-xs text-stone-600 dark:text-stone-400">{shortSchedule(job.schedule)} · paused</p>
      )}
      {job.pausedReason ? <p className="text-xs text-red-700 dark:text-red-400">{job.pausedReason}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button disabled={action.isBusy} onClick={() => action.run(() => jobsApi.runNow(job.id as JobId))}>
          Run now
        </Button>
        <Button disabled={action.isBusy} onClick={() => action.run(() => jobsApi.updateJob(job.id as JobId, { isEnabled: !job.isEnabled }))}>
          {job.isEnabled ? "Pause" : "Resume"}
        </Button>
      </div>
      {action.error ? <p role="alert" className="text-xs text-red-700">{action.error}</p> : null}
      <details open={runs.length > 0}>
        <summary className="min-h-11 cursor-pointer py-2 text-xs font-medium text-stone-600 dark:text-stone-400">History ({runs.length})</summary>
        <RunList runs={runs} />
      </details>
    </article>
  );
}

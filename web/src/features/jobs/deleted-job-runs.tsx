import { useMemo } from "react";
import type { Job, Run } from "../../../../shared/index.ts";
import { runsOfJob, useJobsStore } from "../../stores/jobs-store.ts";
import { RunList } from "./run-list.tsx";

/**
 * The run history of jobs that were deleted: deleting a job says its history stays, and its failed runs stay in Needs
 * attention (whose tap opens Jobs), yet with its card gone nothing on this screen showed them.
 */
export function DeletedJobRuns({ jobs }: { jobs: Record<string, Job> }) {
  const runs = useJobsStore((s) => s.runs);
  const totals = useJobsStore((s) => s.runTotals);
  const isLoaded = useJobsStore((s) => s.isLoaded);
  const deleted = useMemo(() => {
    const byJob = new Map<string, string>();
    for (const run of Object.values(runs)) if (!jobs[run.jobId] && !byJob.has(run.jobId)) byJob.set(run.jobId, run.jobName);
    return [...byJob].map(([jobId, name]) => ({ jobId, name, runs: runsOfJob(runs, jobId) })).sort((a, b) => newest(b.runs) - newest(a.runs));
  }, [runs, jobs]);
  // Before the lists are read every run's job would pass for deleted.
  if (!isLoaded || deleted.length === 0) return null;
  return (
    <section aria-label="Runs of deleted jobs" className="flex flex-col gap-3">
      <h2 className="text-sm font-semibold">Runs of deleted jobs</h2>
      {deleted.map((job) => (
        <article key={job.jobId} aria-label={`Deleted job ${job.name}`} className="flex flex-col gap-2 rounded-xl border border-dashed border-stone-300 p-3 dark:border-stone-700">
          <h3 className="text-sm font-semibold [overflow-wrap:anywhere]">{job.name} <span className="font-normal text-stone-500">(deleted)</span></h3>
          <RunList jobId={job.jobId} runs={job.runs} total={totals[job.jobId] ?? job.runs.length} />
        </article>
      ))}
    </section>
  );
}

function newest(runs: Run[]): number {
  return runs[0]?.queuedAt ?? 0;
}

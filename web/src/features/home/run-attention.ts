import type { Job, Run } from "../../../../shared/index.ts";

export type RunItem = { rank: number; label: string; run: Run; at: number };

/**
 * Job runs for the inbox, one per job (its latest run): waiting for you (rank 0), failed or timed out (rank 1, unless
 * a retry or corrective run followed), running (rank 2). Succeeded, queued and cancelled runs need no one, and neither
 * does the failure of a job the user deleted since (given `jobs`): no later run would ever take it off the list. Its
 * runs stay under Jobs → Runs of deleted jobs.
 */
export function runAttention(runs: Record<string, Run>, jobs?: Record<string, Job>): RunItem[] {
  const latest = new Map<string, Run>();
  for (const run of Object.values(runs)) {
    const current = latest.get(run.jobId);
    if (!current || run.queuedAt > current.queuedAt) latest.set(run.jobId, run);
  }
  const items: RunItem[] = [];
  for (const run of latest.values()) {
    const at = run.endedAt ?? run.startedAt ?? run.queuedAt;
    const isOfDeletedJob = jobs !== undefined && !jobs[run.jobId];
    if (run.status === "waiting") items.push({ rank: 0, label: "Waiting for you", run, at });
    else if (isOfDeletedJob) continue;
    else if (run.status === "failed") items.push({ rank: 1, label: `Failed: ${run.error ?? "the run failed"}`, run, at });
    else if (run.status === "timed_out") items.push({ rank: 1, label: "Timed out", run, at });
    else if (run.status === "running") items.push({ rank: 2, label: "Running", run, at });
  }
  return items;
}

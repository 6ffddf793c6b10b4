import type { Run } from "../../../../shared/index.ts";

/**
 * Why a queued run has not started, read from the runs the screen knows: the job's own run under way (runs of one job
 * never run side by side), or the pool — `concurrency` runs of other jobs running (one waiting for you holds no slot),
 * so it waits for one to end. Null
 * when neither holds it (it is about to start, or its retry backoff says when).
 */
export type QueuedReason = { kind: "job"; ahead: Run } | { kind: "pool"; busy: number; concurrency: number };

export function queuedReason(run: Run, runs: readonly Run[], concurrency: number | null): QueuedReason | null {
  if (run.status !== "queued") return null;
  const underWay = runs.filter((other) => other.status === "running" || other.status === "waiting");
  const ahead = underWay.find((other) => other.jobId === run.jobId);
  if (ahead) return { kind: "job", ahead };
  // A run waiting for you holds no slot of the pool (the scheduler's pickRunsToStart).
  const busy = underWay.filter((other) => other.status === "running").length;
  if (concurrency === null || busy < concurrency) return null;
  return { kind: "pool", busy, concurrency };
}

/** The pool's reason in words: how many runs hold the slots, and the setting that sets how many there are. */
export function poolWords(reason: { busy: number; concurrency: number }): string {
  const runs = reason.busy === 1 ? "1 run of another job is" : `${reason.busy} runs of other jobs are`;
  const limit = reason.concurrency === 1 ? "1 job run at a time" : `${reason.concurrency} job runs at a time`;
  return `${runs} under way and ChatML runs ${limit} (Settings › Job runs at once): it starts when ${reason.busy === 1 ? "that run" : "one of them"} ends.`;
}

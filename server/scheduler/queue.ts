/** How urgent a queued run is; higher ranks start first, then the oldest. */
export type Priority = "high" | "normal" | "low";
const RANK: Record<Priority, number> = { high: 0, normal: 1, low: 2 };

export type QueuedRun = {
  runId: string;
  jobId: string;
  priority: Priority;
  queuedAt: number;
  notBefore: number | null;
  /** The user asked for it (Run now): a follow-up taking it over does not hold it back by its backoff. */
  isManual: boolean;
  /** Queued to resume its own conversation (a run a restart cut off): it stays that run, never another's follow-up. */
  isResuming: boolean;
};
/** A run under way; `waitingSince` is set while it waits for the user (a permission or a question). */
export type ActiveRun = { runId: string; jobId: string; waitingSince?: number | null };

/**
 * The queued runs to start now: by priority then age, never before their `notBefore` (retry backoff), never a
 * second run of a job that already runs, and only as many as free slots of the pool. A run waiting for the user holds
 * no slot: its Claude Code waits idle, and with one slot a permission asked at night held every other job until
 * morning. Answered, it goes on beside the others (the pool may be over by the runs that waited).
 */
export function pickRunsToStart(queue: readonly QueuedRun[], running: readonly ActiveRun[], concurrency: number, now: number): QueuedRun[] {
  const free = Math.max(0, concurrency - running.filter((run) => run.waitingSince === undefined || run.waitingSince === null).length);
  if (free === 0) return [];
  const busyJobs = new Set(running.map((run) => run.jobId));
  const ordered = [...queue].sort((a, b) => RANK[a.priority] - RANK[b.priority] || a.queuedAt - b.queuedAt || a.runId.localeCompare(b.runId));
  const picked: QueuedRun[] = [];
  for (const run of ordered) {
    if (picked.length === free) break;
    if (run.notBefore !== null && run.notBefore > now) continue;
    if (busyJobs.has(run.jobId)) continue;
    busyJobs.add(run.jobId);
    picked.push(run);
  }
  return picked;
}

/** When the earliest waiting run may start (for sleeping until then), or null. */
export function earliestNotBefore(queue: readonly QueuedRun[], now: number): number | null {
  const times = queue.map((run) => run.notBefore).filter((t): t is number => t !== null && t > now);
  return times.length ? Math.min(...times) : null;
}

/**
 * What "Run now" does to a job's queue, by the rule due fires follow (ADR 0060: a job keeps at most one run waiting):
 * the run already waiting is moved up to start as soon as it may (no retry backoff), else a new run is queued. Either
 * way it waits for the job's run still running (runs of one job never run side by side), which is named so the user
 * is told what it waits for.
 */
export type RunNowDecision = { kind: "queue"; waitsFor: string | null } | { kind: "hurry"; runId: string; waitsFor: string | null };

export function decideRunNow(jobId: string, queue: readonly QueuedRun[], running: readonly ActiveRun[]): RunNowDecision {
  const waitsFor = running.find((run) => run.jobId === jobId)?.runId ?? null;
  const waiting = queue.filter((run) => run.jobId === jobId).sort((a, b) => a.queuedAt - b.queuedAt)[0];
  return waiting ? { kind: "hurry", runId: waiting.runId, waitsFor } : { kind: "queue", waitsFor };
}

/**
 * Where a failed run's retry or corrective run goes, by the same one-waiting-run rule (ADRs 0060, 0088): a fresh run
 * of the job already waiting (a fire that came due, or Run now, while the failed one ran) takes it over, keeping its
 * place in the queue; else a new run is queued. A run the user asked for keeps its own start time, free of the
 * retry's backoff; a scheduled one takes the backoff. A run queued to resume its own conversation is left as it is.
 */
export type FollowUpDecision = { kind: "take_over"; runId: string; notBefore: number | null } | { kind: "queue"; notBefore: number | null };

export function decideFollowUp(jobId: string, queue: readonly QueuedRun[], backoffUntil: number | null): FollowUpDecision {
  const waiting = queue.filter((run) => run.jobId === jobId && !run.isResuming).sort((a, b) => a.queuedAt - b.queuedAt)[0];
  if (!waiting) return { kind: "queue", notBefore: backoffUntil };
  return { kind: "take_over", runId: waiting.runId, notBefore: waiting.isManual ? waiting.notBefore : backoffUntil };
}

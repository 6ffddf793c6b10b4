/** Why a run failed, as far as retrying goes. */
export type FailureKind = "transient" | "fast_exit" | "permanent";

/** A run that ends this soon after it started "exited at once". */
export const FAST_EXIT_MS = 5_000;
/** This many fast exits in a row and the job stops retrying (and is paused, with the reason). */
export const FAST_EXIT_LIMIT = 3;

const TRANSIENT = /overload|rate.?limit|too many requests|\b429\b|\b529\b|\b503\b|temporarily unavailable|ECONNRESET|ETIMEDOUT|socket hang up/i;

/**
 * Sorts a failure: API overload and rate limits are transient; a process that died within seconds of starting
 * (`didExit`: not a turn that ended with an error) exited at once; anything else is a real failure.
 */
export function classifyFailure(error: string, durationMs: number, didExit = true): FailureKind {
  if (TRANSIENT.test(error)) return "transient";
  if (didExit && durationMs < FAST_EXIT_MS) return "fast_exit";
  return "permanent";
}

export type BackoffOptions = { baseMs: number; maxMs: number };
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 30 * 60_000 };

/** Exponential backoff: base, 2×base, 4×base… capped at `maxMs`; `attempt` counts retries from 1. */
export function retryDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The facts about a failed run that decide what follows it. */
export type FailedRun = {
  kind: FailureKind;
  /** Retries already made for this fire (0 for the first try). */
  retries: number;
  maxRetries: number;
  /** Fast exits in a row of this job, including this one. */
  fastExitsInARow: number;
  isCorrectiveEnabled: boolean;
  /** This run was itself a corrective run (it gets no corrective run of its own). */
  isCorrective: boolean;
};

export type AfterFailure =
  | { action: "retry"; delayMs: number }
  | { action: "corrective" }
  | { action: "give_up"; reason: string }
  | { action: "pause_job"; reason: string };

/** What follows a failed run: a retry after backoff, a corrective run, giving up, or pausing a job that never starts. */
export function decideAfterFailure(run: FailedRun, backoff: BackoffOptions = DEFAULT_BACKOFF): AfterFailure {
  if (run.kind === "fast_exit" && run.fastExitsInARow >= FAST_EXIT_LIMIT) {
    return { action: "pause_job", reason: `Stopped retrying: the last ${run.fastExitsInARow} runs each ended within ${FAST_EXIT_MS / 1000} s of starting.` };
  }
  if (run.kind !== "permanent") {
    if (run.retries < run.maxRetries) return { action: "retry", delayMs: retryDelayMs(run.retries + 1, backoff) };
    return { action: "give_up", reason: `Gave up after ${run.retries} ${run.retries === 1 ? "retry" : "retries"}.` };
  }
  if (run.isCorrectiveEnabled && !run.isCorrective) return { action: "corrective" };
  return { action: "give_up", reason: "The run failed." };
}

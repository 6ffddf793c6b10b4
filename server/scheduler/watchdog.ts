/** A run the watchdog looks after; `waitingSince` is set while it waits for the user (a permission or a question). */
export type WatchedRun = { runId: string; deadlineAt: number; interruptedAt: number | null; waitingSince?: number | null };
export type WatchdogAction = { runId: string; action: "interrupt" | "kill" };

/** Runs time out after 30 minutes unless the job says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** After the interrupt, how long a run gets to end its turn before its process is stopped. */
export const DEFAULT_KILL_GRACE_MS = 15_000;

/**
 * What the watchdog does at `now`: interrupt a run past its deadline, then stop the process of one that was
 * interrupted `killGraceMs` ago and still runs. Both end the run as timed out. A run waiting for the user is not
 * timed out: its clock stands still (see {@link deadlineAfterWaiting}).
 */
export function watchdogActions(runs: readonly WatchedRun[], now: number, killGraceMs = DEFAULT_KILL_GRACE_MS): WatchdogAction[] {
  const actions: WatchdogAction[] = [];
  for (const run of runs) {
    if (run.interruptedAt === null) {
      if (!isWaiting(run) && now >= run.deadlineAt) actions.push({ runId: run.runId, action: "interrupt" });
    } else if (now >= run.interruptedAt + killGraceMs) {
      actions.push({ runId: run.runId, action: "kill" });
    }
  }
  return actions;
}

/** The next instant the watchdog must look again, or null when nothing is watched (waiting runs have no deadline). */
export function nextWatchdogCheck(runs: readonly WatchedRun[], killGraceMs = DEFAULT_KILL_GRACE_MS): number | null {
  const times = runs.flatMap((run) => (run.interruptedAt !== null ? [run.interruptedAt + killGraceMs] : isWaiting(run) ? [] : [run.deadlineAt]));
  return times.length ? Math.min(...times) : null;
}

/** The deadline of a run that stops waiting for the user at `now`: moved on by the time it waited. */
export function deadlineAfterWaiting(deadlineAt: number, waitingSince: number, now: number): number {
  return deadlineAt + Math.max(0, now - waitingSince);
}

function isWaiting(run: WatchedRun): boolean {
  return run.waitingSince !== undefined && run.waitingSince !== null;
}

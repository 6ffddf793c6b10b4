/** A run the watchdog looks after. */
export type WatchedRun = { runId: string; deadlineAt: number; interruptedAt: number | null };
export type WatchdogAction = { runId: string; action: "interrupt" | "kill" };

/** Runs time out after 30 minutes unless the job says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** After the interrupt, how long a run gets to end its turn before its process is stopped. */
export const DEFAULT_KILL_GRACE_MS = 15_000;

/**
 * What the watchdog does at `now`: interrupt a run past its deadline, then stop the process of one that was
 * interrupted `killGraceMs` ago and still runs. Both end the run as timed out.
 */
export function watchdogActions(runs: readonly WatchedRun[], now: number, killGraceMs = DEFAULT_KILL_GRACE_MS): WatchdogAction[] {
  const actions: WatchdogAction[] = [];
  for (const run of runs) {
    if (run.interruptedAt === null) {
      if (now >= run.deadlineAt) actions.push({ runId: run.runId, action: "interrupt" });
    } else if (now >= run.interruptedAt + killGraceMs) {
      actions.push({ runId: run.runId, action: "kill" });
    }
  }
  return actions;
}

/** The next instant the watchdog must look again, or null when nothing is watched. */
export function nextWatchdogCheck(runs: readonly WatchedRun[], killGraceMs = DEFAULT_KILL_GRACE_MS): number | null {
  const times = runs.map((run) => (run.interruptedAt === null ? run.deadlineAt : run.interruptedAt + killGraceMs));
  return times.length ? Math.min(...times) : null;
}

import { create } from "zustand";
import type { EntityChange, EntityRevision, Goal, Job, Run } from "../../../shared/index.ts";
import { jobsApi } from "../lib/jobs-api.ts";
import { ListCoverage } from "./list-coverage.ts";
import { loadLists, SnapshotTracker } from "./snapshot-merge.ts";

/** Goals, jobs and recent runs as listed by the server, kept live by `entity` frames. */
interface JobsState {
  goals: Record<string, Goal>;
  jobs: Record<string, Job>;
  runs: Record<string, Run>;
  /** How many runs each job has in all, by job id: `runs` holds only each job's newest (older ones are paged in). */
  runTotals: Record<string, number>;
  isLoaded: boolean;
  loadError: string | null;
  /** Applies a goal/job/run change (others are ignored). */
  apply: (change: EntityChange) => void;
  /** Loads the lists (at boot). */
  load: () => Promise<void>;
  /** A socket was welcomed at `point`: loads the lists again unless they already hold every change up to it. */
  syncAt: (point: EntityRevision | undefined) => Promise<boolean>;
}

const snapshots = new SnapshotTracker();
/** How far these lists are known to be whole (socket-sync tells it about frames and the socket closing). */
export const jobListsCoverage = new ListCoverage();

export const useJobsStore = create<JobsState>()((set) => ({
  goals: {},
  jobs: {},
  runs: {},
  runTotals: {},
  isLoaded: false,
  loadError: null,
  apply: (change) => {
    snapshots.touchChange(change);
    set((s) => applyChange(s, change));
  },
  load: () => jobListsCoverage.track(loadJobLists),
  syncAt: (point) => jobListsCoverage.welcome(point, loadJobLists),
}));

function loadJobLists(): Promise<void> {
  const store = useJobsStore;
  return loadLists(store, { snapshots, coverage: jobListsCoverage }, jobsApi.lists, ([goalsAnswer, jobsAnswer, runsAnswer]) => {
    const live = store.getState();
    store.setState({
      goals: snapshots.merge("goal", byId(goalsAnswer.body.goals as Goal[]), live.goals),
      jobs: snapshots.merge("job", byId(jobsAnswer.body.jobs as Job[]), live.jobs),
      runs: snapshots.merge("run", byId(runsAnswer.body.runs as Run[]), live.runs),
      runTotals: withLiveRuns(runsAnswer.body.totals, runsAnswer.body.runs as Run[], live.runs),
      isLoaded: true,
      loadError: null,
    });
  });
}

/** The snapshot's totals, plus the runs queued after it was read (they came live while it loaded). */
function withLiveRuns(totals: Record<string, number>, loaded: Run[], live: Record<string, Run>): Record<string, number> {
  const snapshot = byId(loaded);
  const merged = { ...totals };
  for (const run of Object.values(live)) if (isNewRun(snapshot, run)) merged[run.jobId] = (merged[run.jobId] ?? 0) + 1;
  return merged;
}

/**
 * A run not in `known` and queued no earlier than its job's newest there was queued after `known` was read. An older
 * run changing (its summary written again, a cut-off run resumed) is one the device never loaded, not one more run.
 */
function isNewRun(known: Record<string, Run>, run: Run): boolean {
  if (known[run.id]) return false;
  return Object.values(known).every((other) => other.jobId !== run.jobId || other.queuedAt <= run.queuedAt);
}

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

function applyChange(s: JobsState, change: EntityChange): Partial<JobsState> {
  switch (change.kind) {
    case "goal":
      return { goals: { ...s.goals, [change.goal.id]: change.goal } };
    case "job":
      return { jobs: { ...s.jobs, [change.job.id]: change.job } };
    case "run": {
      const runTotals = isNewRun(s.runs, change.run) ? { ...s.runTotals, [change.run.jobId]: (s.runTotals[change.run.jobId] ?? 0) + 1 } : s.runTotals;
      return { runs: { ...s.runs, [change.run.id]: change.run }, runTotals };
    }
    case "removed":
      if (change.entity === "goal") return { goals: without(s.goals, change.id) };
      if (change.entity === "job") return { jobs: without(s.jobs, change.id) };
      // Its history was deleted with its goals, jobs and runs (ADR 0261): no frame comes for each run.
      if (change.entity === "workspace") return { runs: Object.fromEntries(Object.entries(s.runs).filter(([, run]) => run.workspaceId !== change.id)) };
      return {};
    default:
      return {};
  }
}

function without<T>(items: Record<string, T>, id: string): Record<string, T> {
  const { [id]: _gone, ...rest } = items;
  return rest;
}

/** A job's runs, newest first. */
export function runsOfJob(runs: Record<string, Run>, jobId: string): Run[] {
  return Object.values(runs)
    .filter((run) => run.jobId === jobId)
    .sort((a, b) => b.queuedAt - a.queuedAt);
}

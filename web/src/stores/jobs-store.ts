import { create } from "zustand";
import type { EntityChange, Goal, Job, Run } from "../../../shared/index.ts";
import { jobsApi } from "../lib/jobs-api.ts";
import { failedLoad, SnapshotTracker } from "./snapshot-merge.ts";

/** Goals, jobs and recent runs as listed by the server, kept live by `entity` frames. */
interface JobsState {
  goals: Record<string, Goal>;
  jobs: Record<string, Job>;
  runs: Record<string, Run>;
  isLoaded: boolean;
  loadError: string | null;
  /** Applies a goal/job/run change (others are ignored). */
  apply: (change: EntityChange) => void;
  /** (Re)loads the lists: at boot and whenever the socket is welcomed (changes made while it was away). */
  load: () => Promise<void>;
}

const snapshots = new SnapshotTracker();

export const useJobsStore = create<JobsState>()((set, get) => ({
  goals: {},
  jobs: {},
  runs: {},
  isLoaded: false,
  loadError: null,
  apply: (change) => {
    snapshots.touchChange(change);
    set((s) => applyChange(s, change));
  },
  load: async () => {
    snapshots.begin();
    try {
      const [{ goals }, { jobs }, { runs }] = await Promise.all([jobsApi.goals(), jobsApi.jobs(), jobsApi.runs()]);
      const live = get();
      set({
        goals: snapshots.merge("goal", byId(goals as Goal[]), live.goals),
        jobs: snapshots.merge("job", byId(jobs as Job[]), live.jobs),
        runs: snapshots.merge("run", byId(runs as Run[]), live.runs),
        isLoaded: true,
        loadError: null,
      });
    } catch (error) {
      set(failedLoad(get(), error));
    } finally {
      snapshots.end();
    }
  },
}));

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

function applyChange(s: JobsState, change: EntityChange): Partial<JobsState> {
  switch (change.kind) {
    case "goal":
      return { goals: { ...s.goals, [change.goal.id]: change.goal } };
    case "job":
      return { jobs: { ...s.jobs, [change.job.id]: change.job } };
    case "run":
      return { runs: { ...s.runs, [change.run.id]: change.run } };
    case "removed":
      if (change.entity === "goal") return { goals: without(s.goals, change.id) };
      if (change.entity === "job") return { jobs: without(s.jobs, change.id) };
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

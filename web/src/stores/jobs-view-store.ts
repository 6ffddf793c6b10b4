import { create } from "zustand";
import type { Run } from "../../../shared/index.ts";

/** How far back a job's history is shown: how many runs, and the older ones read from the server for it. */
export type RunHistoryView = { shown: number; older: Run[] };

/**
 * Where the Jobs screen was left, kept while the app is open: opening a run from far back in a long history and
 * coming back (the phone's back button) finds the history shown as far back as it was, scrolled where it was.
 */
interface JobsViewState {
  scrollTop: number;
  /** By job id. */
  histories: Record<string, RunHistoryView>;
  setScrollTop: (scrollTop: number) => void;
  setHistory: (jobId: string, view: RunHistoryView) => void;
}

export const useJobsViewStore = create<JobsViewState>()((set) => ({
  scrollTop: 0,
  histories: {},
  setScrollTop: (scrollTop) => set({ scrollTop }),
  setHistory: (jobId, view) => set((s) => ({ histories: { ...s.histories, [jobId]: view } })),
}));

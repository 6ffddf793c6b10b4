import { create } from "zustand";
import type { PullRequest } from "../../../shared/index.ts";

interface PullRequestState {
  /** Session id → its PR as last heard (null: known to have none). */
  bySession: Record<string, PullRequest | null>;
  set: (sessionId: string, pr: PullRequest | null) => void;
}

/** Sessions' pull requests, kept live by `entity` frames (`pullRequest`) and filled by fetches. */
export const usePullRequestStore = create<PullRequestState>()((set) => ({
  bySession: {},
  set: (sessionId, pr) =>
    set((s) => {
      const current = s.bySession[sessionId];
      // A fetch answered after a newer live frame must not roll the PR back.
      if (current && pr && current.checkedAt > pr.checkedAt) return s;
      return { bySession: { ...s.bySession, [sessionId]: pr } };
    }),
}));

/** Selects one session's PR (undefined while unknown). */
export const selectPullRequest = (sessionId: string) => (s: PullRequestState) => s.bySession[sessionId];

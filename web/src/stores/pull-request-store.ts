import { create } from "zustand";
import type { PullRequest, WorktreeCatchUp } from "../../../shared/index.ts";

interface PullRequestState {
  /** Session id → its PR as last heard (null: known to have none). */
  bySession: Record<string, PullRequest | null>;
  set: (sessionId: string, pr: PullRequest | null) => void;
  /** Session id → what the user must fix before GitHub can be read for its PR (the token cannot see the repository). */
  problemBySession: Record<string, string | null>;
  setProblem: (sessionId: string, problem: string | null) => void;
  /** Session id → its worktree against the PR's head (fast-forwarded, or a pull to do), null: nothing to say. */
  worktreeBySession: Record<string, WorktreeCatchUp | null>;
  setWorktree: (sessionId: string, catchUp: WorktreeCatchUp | null) => void;
}

/** Sessions' pull requests, kept live by `entity` frames (`pullRequest`) and filled by fetches. */
export const usePullRequestStore = create<PullRequestState>()((set) => ({
  bySession: {},
  problemBySession: {},
  worktreeBySession: {},
  setWorktree: (sessionId, catchUp) => set((s) => ({ worktreeBySession: { ...s.worktreeBySession, [sessionId]: catchUp } })),
  setProblem: (sessionId, problem) => set((s) => ({ problemBySession: { ...s.problemBySession, [sessionId]: problem } })),
  set: (sessionId, pr) =>
    set((s) => {
      const current = s.bySession[sessionId];
      // A fetch answered after a newer live frame must not roll the PR back.
      if (current && pr && current.checkedAt > pr.checkedAt) return s;
      // Nor take it away: the server forgets a session's PR only with the session, so "none" is a read made before the
      // PR was opened. The card reads again when a push sets the branch's upstream, which Create does before it opens
      // the PR; that read answered after Create on a loaded machine and the card went back to "No pull request" for good.
      if (current && !pr) return s;
      return { bySession: { ...s.bySession, [sessionId]: pr } };
    }),
}));

/** Selects one session's PR (undefined while unknown). */
export const selectPullRequest = (sessionId: string) => (s: PullRequestState) => s.bySession[sessionId];

/** Selects what the user must fix before a session's PR can be read (null or undefined: nothing). */
export const selectPullRequestProblem = (sessionId: string) => (s: PullRequestState) => s.problemBySession[sessionId] ?? null;

/** Selects what the card says of a session's worktree against its PR's head (null: nothing). */
export const selectWorktreeCatchUp = (sessionId: string) => (s: PullRequestState) => s.worktreeBySession[sessionId] ?? null;

/**
 * The base an open PR merges into on GitHub when it is not the one its session compares against (a base changed
 * "here only", or the PR's base changed on github.com); null while they agree or there is nothing to compare.
 */
export function prBaseElsewhere(pr: PullRequest | null | undefined, sessionBase: string | null): string | null {
  if (!pr || (pr.state !== "open" && pr.state !== "draft") || !sessionBase || pr.baseRef === sessionBase) return null;
  return pr.baseRef;
}

import type { GitSyncPoint } from "./protocol/git.ts";
import type { GitState } from "./protocol/model.ts";

/** The part of a session's git state that a push, pull, rebase or merge depends on, read the same on both sides. */
export function syncPointOf(git: GitState): GitSyncPoint {
  return { branch: git.branch, headSha: git.headSha, upstream: git.upstream ? { name: git.upstream.name, ahead: git.upstream.ahead, behind: git.upstream.behind } : null, operation: git.operation };
}

/** Whether the branch still stands where `point` says (a sync failure read there still applies). */
export function isAtSyncPoint(git: GitState, point: GitSyncPoint): boolean {
  const now = syncPointOf(git);
  return (
    now.branch === point.branch &&
    now.headSha === point.headSha &&
    now.operation === point.operation &&
    now.upstream?.name === point.upstream?.name &&
    now.upstream?.ahead === point.upstream?.ahead &&
    now.upstream?.behind === point.upstream?.behind
  );
}

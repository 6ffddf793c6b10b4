import type { SessionId } from "../../../shared/ids.ts";

/** Starts re-reading a session's git state and returns at once; `after` names what changed, for the log. */
export type RefreshGitSoon = (sessionId: SessionId, after: string) => void;

/**
 * The workbench's one way to tell every device that a session's files changed (a save, a restore): the change is
 * done and answered without waiting for git, and a refresh that fails is logged, since the next one corrects it.
 * @example const refreshGitSoon = refreshingGitSoon(deps.refreshGit); refreshGitSoon(id, "a save");
 */
export function refreshingGitSoon(refreshGit: (sessionId: SessionId) => Promise<void>): RefreshGitSoon {
  return (sessionId, after) => {
    refreshGit(sessionId).catch((error: unknown) => console.warn(`[workbench] git refresh after ${after} failed:`, error instanceof Error ? error.message : error));
  };
}

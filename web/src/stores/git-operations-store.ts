import { create } from "zustand";
import type { GitOperation, SessionId } from "../../../shared/index.ts";

/** The latest long git operation (push, pull, rebase, merge) of each session, as the server streams it. */
interface GitOperationsState {
  bySession: Record<string, GitOperation>;
  /** Ended operations whose outcome the user dismissed on this device (a failure stays shown until then). */
  dismissed: Record<string, true>;
  /** Keeps the newer of the known and the given operation (a late HTTP answer never hides a live frame). */
  put: (operation: GitOperation) => void;
  dismiss: (operationId: string) => void;
}

const STATUS_RANK: Record<GitOperation["status"], number> = { running: 0, done: 1, failed: 1, cancelled: 1, conflicts: 1 };

export const useGitOperationsStore = create<GitOperationsState>()((set) => ({
  bySession: {},
  dismissed: {},
  dismiss: (operationId) => set((s) => ({ dismissed: { ...s.dismissed, [operationId]: true } })),
  put: (operation) =>
    set((s) => {
      const known = s.bySession[operation.sessionId];
      const isOlder = known && (known.startedAt > operation.startedAt || (known.id === operation.id && STATUS_RANK[known.status] > STATUS_RANK[operation.status]));
      return isOlder ? s : { bySession: { ...s.bySession, [operation.sessionId]: operation } };
    }),
}));

/** The session's latest operation, or null. */
export const selectGitOperation = (id: SessionId) => (s: GitOperationsState) => s.bySession[id] ?? null;

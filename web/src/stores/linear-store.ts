import { create } from "zustand";
import type { LinearConnection, LinearIssue } from "../../../shared/index.ts";

interface LinearState {
  /** The connection as last read (null until the first read). */
  connection: LinearConnection | null;
  /** Why the last read of the connection failed (ChatML unreachable, say); null once one succeeds. */
  readError: string | null;
  /** Session id → its linked Linear issue (null: known to have none). */
  bySession: Record<string, LinearIssue | null>;
  setConnection: (connection: LinearConnection) => void;
  setReadError: (readError: string) => void;
  setLink: (sessionId: string, issue: LinearIssue | null) => void;
}

/** The Linear connection and sessions' linked issues, kept live by `entity` frames (`linearLink`) and filled by fetches. */
export const useLinearStore = create<LinearState>()((set) => ({
  connection: null,
  readError: null,
  bySession: {},
  setConnection: (connection) => set({ connection, readError: null }),
  setReadError: (readError) => set({ readError }),
  setLink: (sessionId, issue) => set((s) => ({ bySession: { ...s.bySession, [sessionId]: issue } })),
}));

/** Selects one session's linked issue (undefined while unknown). */
export const selectLinearLink = (sessionId: string) => (s: LinearState) => s.bySession[sessionId];

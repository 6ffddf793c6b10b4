import { create } from "zustand";
import type { PendingApproval, SessionId, TerminalId, TerminalInfo } from "../../../shared/index.ts";

type TerminalsState = {
  /** Each session's terminals as the server listed them last (REST answer or `terminals` frame). */
  bySession: Record<string, TerminalInfo[]>;
  /** The terminal each session shows, chosen on this device. */
  activeBySession: Record<string, TerminalId | undefined>;
  setSession(sessionId: SessionId, terminals: TerminalInfo[]): void;
  upsert(terminal: TerminalInfo): void;
  setActive(sessionId: SessionId, id: TerminalId | undefined): void;
  /** Permission prompts the interactive `claude` terminals wait for (every session). */
  approvals: PendingApproval[];
  setApprovals(approvals: PendingApproval[]): void;
};

/** Session terminals, kept live on every device by `terminals` frames. */
export const useTerminalsStore = create<TerminalsState>()((set) => ({
  bySession: {},
  activeBySession: {},
  setSession: (sessionId, terminals) => set((s) => ({ bySession: { ...s.bySession, [sessionId]: terminals } })),
  upsert: (terminal) =>
    set((s) => {
      const list = s.bySession[terminal.sessionId] ?? [];
      const next = list.some((t) => t.id === terminal.id) ? list.map((t) => (t.id === terminal.id ? terminal : t)) : [...list, terminal];
      return { bySession: { ...s.bySession, [terminal.sessionId]: next } };
    }),
  setActive: (sessionId, id) => set((s) => ({ activeBySession: { ...s.activeBySession, [sessionId]: id } })),
  approvals: [],
  setApprovals: (approvals) => set({ approvals }),
}));

const NONE: TerminalInfo[] = [];

/** Selects a session's terminals (a stable empty list when there are none). */
export const selectTerminals = (sessionId: string) => (s: TerminalsState) => s.bySession[sessionId] ?? NONE;

const openedHere = new Set<string>();

/** Notes a terminal this page just opened (its opener is about to use it): its first view here sizes it to the screen. */
export function noteOpenedHere(id: string): void {
  openedHere.add(id);
}

/** Whether this page opened the terminal and has not shown it yet (true once). */
export function takeOpenedHere(id: string): boolean {
  return openedHere.delete(id);
}

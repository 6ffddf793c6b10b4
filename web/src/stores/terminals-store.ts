import { create } from "zustand";
import type { EndedTerminal, PendingApproval, SessionId, TerminalId, TerminalInfo } from "../../../shared/index.ts";
import { terminalsApi } from "../lib/terminals-api.ts";

type TerminalsState = {
  /** Each session's terminals as the server listed them last (REST answer or `terminals` frame). */
  bySession: Record<string, TerminalInfo[]>;
  /** Each session's terminals a server restart ended, until dismissed (on any device). */
  endedBySession: Record<string, EndedTerminal[]>;
  /** The terminal each session shows, chosen on this device. */
  activeBySession: Record<string, TerminalId | undefined>;
  setSession(sessionId: SessionId, terminals: TerminalInfo[], ended?: EndedTerminal[]): void;
  upsert(terminal: TerminalInfo): void;
  setActive(sessionId: SessionId, id: TerminalId | undefined): void;
  /** Permission prompts the interactive `claude` terminals wait for (every session). */
  approvals: PendingApproval[];
  setApprovals(approvals: PendingApproval[]): void;
};

/** Session terminals, kept live on every device by `terminals` frames. */
export const useTerminalsStore = create<TerminalsState>()((set) => ({
  bySession: {},
  endedBySession: {},
  activeBySession: {},
  setSession: (sessionId, terminals, ended = []) => {
    listedAt.set(sessionId, (listedAt.get(sessionId) ?? 0) + 1);
    set((s) => ({ bySession: { ...s.bySession, [sessionId]: terminals }, endedBySession: { ...s.endedBySession, [sessionId]: ended } }));
  },
  upsert: (terminal) =>
    set((s) => {
      const list = s.bySession[terminal.sessionId] ?? [];
      const next = list.some((t) => t.id === terminal.id) ? list.map((t) => (t.id === terminal.id ? terminal : t)) : [...list, terminal];
      return { bySession: { ...s.bySession, [terminal.sessionId]: next } };
    }),
  setActive: (sessionId, id) => set((s) => ({ activeBySession: { ...s.activeBySession, [sessionId]: id } })),
  approvals: [],
  setApprovals: (approvals) => {
    approvalsListedAt += 1;
    set({ approvals });
  },
}));

/** Lists a session's terminals (and those a restart ended) from the server into the store. */
export async function loadSessionTerminals(sessionId: SessionId): Promise<void> {
  const { terminals, ended } = await terminalsApi.list(sessionId);
  useTerminalsStore.getState().setSession(sessionId, terminals as TerminalInfo[], ended as EndedTerminal[]);
}

/** How many times each list was set: an answer to a reload that a newer list overtook is dropped. */
const listedAt = new Map<string, number>();
let approvalsListedAt = 0;

/**
 * Loads again the terminals of every session this page shows, and the approvals: `terminals` and `approvals` frames
 * sent while the socket was down (a terminal closed or opened on another device, the server restarted, a prompt
 * answered elsewhere) never arrive, and the page would keep offering terminals and prompts that are gone.
 */
export async function reloadTerminals(): Promise<void> {
  const store = useTerminalsStore.getState();
  const sessions = Object.keys(store.bySession) as SessionId[];
  const approvalsAt = approvalsListedAt;
  const reloads = sessions.map(async (sessionId) => {
    const at = listedAt.get(sessionId);
    const { terminals, ended } = await terminalsApi.list(sessionId);
    if (listedAt.get(sessionId) === at) store.setSession(sessionId, terminals as TerminalInfo[], ended as EndedTerminal[]);
  });
  reloads.push(
    terminalsApi.approvals().then(({ approvals }) => {
      if (approvalsListedAt === approvalsAt) store.setApprovals(approvals as PendingApproval[]);
    }),
  );
  const failed = (await Promise.allSettled(reloads)).filter((result) => result.status === "rejected");
  if (failed.length > 0) console.warn("[terminals] could not reload after reconnecting:", failed.map((result) => String(result.reason)).join("; "));
}

const NONE: TerminalInfo[] = [];
const NONE_ENDED: EndedTerminal[] = [];

/** Selects a session's terminals (a stable empty list when there are none). */
export const selectTerminals = (sessionId: string) => (s: TerminalsState) => s.bySession[sessionId] ?? NONE;

/** Selects a session's terminals a server restart ended (a stable empty list when there are none). */
export const selectEndedTerminals = (sessionId: string) => (s: TerminalsState) => s.endedBySession[sessionId] ?? NONE_ENDED;

const openedHere = new Set<string>();

/** Notes a terminal this page just opened (its opener is about to use it): its first view here sizes it to the screen. */
export function noteOpenedHere(id: string): void {
  openedHere.add(id);
}

/** Whether this page opened the terminal and has not shown it yet (true once). */
export function takeOpenedHere(id: string): boolean {
  return openedHere.delete(id);
}

import { create } from "zustand";
import type { PresenceDevice } from "../../../shared/index.ts";
import type { SocketStatus } from "../lib/socket.ts";
import type { UpdateChange } from "../../../shared/build-id.ts";

/**
 * What the server serves, beside this page's build. `stale`: the page's own build is gone from the server (a chunk of
 * it did not load, ADR 0263), so nothing live works until a reload; the page cannot read which version replaced it.
 */
export type UpdateOffer = { serverVersion: string; change: UpdateChange } | { serverVersion: null; change: "stale" };

export type AuthState = "unknown" | "ok" | "unauthorized";

/** The link to the server: auth, the socket's state, and the last socket-level error. */
interface ConnectionState {
  auth: AuthState;
  socket: SocketStatus;
  detail: string | null;
  /** A fatal problem (e.g. protocol mismatch) that a reload fixes. */
  fatal: string | null;
  /**
   * The app the server serves when this page runs another build: its version, and whether it is newer, older or a
   * rebuild of the same version (the page keeps working; a reload brings it in line).
   */
  updateAvailable: UpdateOffer | null;
  /** Why this device is not signed in, when the server said (e.g. it was signed out from another device). */
  signedOutReason: string | null;
  /** Who watches each conversation right now. */
  presence: Record<string, PresenceDevice[]>;
  /** How many times the socket has opened: each open after the first is a reconnect (see `useReconnects`). */
  opens: number;
  /**
   * When an open socket was lost (epoch ms), until it opens again: from then on nothing on the page is live, so a status
   * says what was last known and a running timer stops there. Null while open and before the first open.
   */
  lostAt: number | null;
  /**
   * How many times the server answered the check made when the device came back (online again, or shown) over a
   * socket that had stayed open: a short loss of network ends there, with no reopen to count in `opens`.
   */
  reaches: number;
  setReached: () => void;
  setUpdateAvailable: (offer: UpdateOffer) => void;
  setPresence: (conversationId: string, devices: PresenceDevice[]) => void;
  setAuth: (auth: AuthState, reason?: string | null) => void;
  setSocket: (socket: SocketStatus, detail: string | null) => void;
  setFatal: (message: string) => void;
}

const SIGNED_OUT_KEY = "chatml.signedOutReason";

/**
 * Keeps the server's "this device was signed out …" across reloads (after one, the server has cleared the device's
 * cookie and can only say "sign in first"); a later generic 401 never replaces it, a successful sign-in clears it.
 */
function rememberSignOut(auth: AuthState, reason: string | null, current: string | null): string | null {
  const next = auth === "ok" ? null : reason !== null && /was signed out/i.test(reason) ? reason : current;
  if (typeof localStorage !== "undefined" && next !== current) {
    if (next === null) localStorage.removeItem(SIGNED_OUT_KEY);
    else localStorage.setItem(SIGNED_OUT_KEY, next);
  }
  return next;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  auth: "unknown",
  socket: "connecting",
  detail: null,
  fatal: null,
  updateAvailable: null,
  signedOutReason: typeof localStorage === "undefined" ? null : localStorage.getItem(SIGNED_OUT_KEY),
  presence: {},
  opens: 0,
  lostAt: null,
  reaches: 0,
  setReached: () => set((s) => ({ reaches: s.reaches + 1 })),
  setUpdateAvailable: (updateAvailable) => set({ updateAvailable }),
  setPresence: (conversationId, devices) => set((s) => ({ presence: { ...s.presence, [conversationId]: devices } })),
  setAuth: (auth, reason = null) => set((s) => ({ auth, signedOutReason: rememberSignOut(auth, reason, s.signedOutReason) })),
  setSocket: (socket, detail) =>
    set((s) => ({
      socket,
      detail,
      opens: socket === "open" && s.socket !== "open" ? s.opens + 1 : s.opens,
      lostAt: socket === "open" ? null : s.socket === "open" ? Date.now() : s.lostAt,
    })),
  setFatal: (fatal) => set({ fatal }),
}));

/**
 * A counter that changes at each reconnect of the socket (not at its first open): entity and workbench frames reach a
 * socket only while it is open, so what a screen read once (a budget, a running git operation, a pull request…) is
 * read again with it as an effect dependency, or a phone that slept would keep showing what changed meanwhile as it was.
 */
export function useReconnects(): number {
  return useConnectionStore((s) => Math.max(0, s.opens - 1));
}

/** When the open socket was lost, while it stays lost (see `lostAt`); null while the page is live. */
export function useConnectionLostAt(): number | null {
  return useConnectionStore((s) => s.lostAt);
}

/** Whether the page is hearing nothing from the server now: what it shows is only what was last known (ADR 0174). */
export function useIsConnectionLost(): boolean {
  return useConnectionStore((s) => s.lostAt !== null);
}

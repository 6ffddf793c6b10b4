import { create } from "zustand";
import type { PresenceDevice } from "../../../shared/index.ts";
import type { SocketStatus } from "../lib/socket.ts";

export type AuthState = "unknown" | "ok" | "unauthorized";

/** The link to the server: auth, the socket's state, and the last socket-level error. */
interface ConnectionState {
  auth: AuthState;
  socket: SocketStatus;
  detail: string | null;
  /** A fatal problem (e.g. protocol mismatch) that a reload fixes. */
  fatal: string | null;
  /** The server's version when it is newer than this page's build (the page keeps working; a reload updates it). */
  updateAvailable: string | null;
  /** Who watches each conversation right now. */
  presence: Record<string, PresenceDevice[]>;
  setUpdateAvailable: (serverVersion: string) => void;
  setPresence: (conversationId: string, devices: PresenceDevice[]) => void;
  setAuth: (auth: AuthState) => void;
  setSocket: (socket: SocketStatus, detail: string | null) => void;
  setFatal: (message: string) => void;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  auth: "unknown",
  socket: "connecting",
  detail: null,
  fatal: null,
  updateAvailable: null,
  presence: {},
  setUpdateAvailable: (updateAvailable) => set({ updateAvailable }),
  setPresence: (conversationId, devices) => set((s) => ({ presence: { ...s.presence, [conversationId]: devices } })),
  setAuth: (auth) => set({ auth }),
  setSocket: (socket, detail) => set({ socket, detail }),
  setFatal: (fatal) => set({ fatal }),
}));

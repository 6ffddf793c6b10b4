import { create } from "zustand";
import type { SocketStatus } from "../lib/socket.ts";

export type AuthState = "unknown" | "ok" | "unauthorized";

/** The link to the server: auth, the socket's state, and the last socket-level error. */
interface ConnectionState {
  auth: AuthState;
  socket: SocketStatus;
  detail: string | null;
  /** A fatal problem (e.g. protocol mismatch) that a reload fixes. */
  fatal: string | null;
  setAuth: (auth: AuthState) => void;
  setSocket: (socket: SocketStatus, detail: string | null) => void;
  setFatal: (message: string) => void;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  auth: "unknown",
  socket: "connecting",
  detail: null,
  fatal: null,
  setAuth: (auth) => set({ auth }),
  setSocket: (socket, detail) => set({ socket, detail }),
  setFatal: (fatal) => set({ fatal }),
}));

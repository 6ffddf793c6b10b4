import { create } from "zustand";
import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";

/** What the server said of itself at boot (`GET /api/info`) that screens beyond the shell need. */
interface ServerFactsState {
  /** Permission modes Claude Code would refuse to start in on the server's machine, with why (ADR 0097). */
  unavailablePermissionModes: readonly UnavailablePermissionMode[];
}

export const useServerFactsStore = create<ServerFactsState>()(() => ({ unavailablePermissionModes: [] }));

/** The permission modes a picker offers disabled, saying why. */
export const useUnavailablePermissionModes = () => useServerFactsStore((s) => s.unavailablePermissionModes);

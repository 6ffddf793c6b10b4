import { useEffect } from "react";
import { create } from "zustand";
import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import { api } from "../lib/api.ts";

/** What the server says of itself (`GET /api/info`) that screens beyond the shell need. */
interface ServerFactsState {
  /** Permission modes Claude Code would refuse to start in on the server's machine, with why (ADR 0097). */
  unavailablePermissionModes: readonly UnavailablePermissionMode[];
}

export const useServerFactsStore = create<ServerFactsState>()(() => ({ unavailablePermissionModes: [] }));

let asked: Promise<void> | null = null;

/**
 * Reads the facts once, when a screen first needs them, not at boot: `/api/info` runs `claude --version` and
 * `claude auth status` on a server's first ask, and the app must not wait for those to show (ADR 0102). Until the
 * answer every mode is offered; the server refuses an unavailable one with the same reason.
 */
function readFactsOnce(): void {
  asked ??= api.info().then(
    // An older server (a cached page newer than the server it reached) does not say: every mode is offered, as before.
    (info: { unavailablePermissionModes?: readonly UnavailablePermissionMode[] }) => useServerFactsStore.setState({ unavailablePermissionModes: info.unavailablePermissionModes ?? [] }),
    (error: unknown) => {
      asked = null;
      console.warn("[server] facts not read:", error);
    },
  );
}

/** The permission modes a picker offers disabled, saying why. */
export function useUnavailablePermissionModes(): readonly UnavailablePermissionMode[] {
  useEffect(readFactsOnce, []);
  return useServerFactsStore((s) => s.unavailablePermissionModes);
}

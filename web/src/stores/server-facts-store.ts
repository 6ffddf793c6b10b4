import { useEffect } from "react";
import { create } from "zustand";
import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import { api } from "../lib/api.ts";
import { MODES_BEING_CHECKED } from "../lib/permission-modes.ts";

/** What the server says of itself (`GET /api/info`) that screens beyond the shell need. */
interface ServerFactsState {
  /** Permission modes Claude Code would refuse to start in on the server's machine, with why (ADR 0097); null until read. */
  unavailablePermissionModes: readonly UnavailablePermissionMode[] | null;
}

export const useServerFactsStore = create<ServerFactsState>()(() => ({ unavailablePermissionModes: null }));

let asked: Promise<void> | null = null;

/**
 * Reads the facts once, when a screen first needs them, not at boot: `/api/info` runs `claude --version` and
 * `claude auth status` on a server's first ask, and the app must not wait for those to show (ADR 0102).
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

/**
 * The permission modes a picker offers disabled, saying why. Until the server has said which it can start, the ones
 * it may refuse are among them as being checked: a picker never offers a mode it does not know to be startable.
 */
export function useUnavailablePermissionModes(): readonly UnavailablePermissionMode[] {
  useEffect(readFactsOnce, []);
  return useServerFactsStore((s) => s.unavailablePermissionModes) ?? MODES_BEING_CHECKED;
}

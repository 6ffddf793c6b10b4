import { useCallback, useEffect, useState } from "react";
import { ApiError, errorMessage, setUnauthorizedHandler } from "../../lib/http.ts";
import { migrateLegacyQueue } from "../../lib/legacy-queue.ts";
import { loadWireSchemas } from "../../lib/load-wire-schemas.ts";
import { offerReloadIfReplaced } from "../../lib/pwa/replaced-build.ts";
import { queueApi } from "../../lib/queue-api.ts";
import { settingsApi } from "../../lib/settings-api.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { startSync } from "../../stores/socket-sync.ts";
import { openReturnRoute } from "./return-route.ts";

/** How long the boot screen waits before asking the server again. */
const BOOT_RETRY_MS = 4_000;

/**
 * Checks the sign-in with `/api/settings`, then loads the lists and starts the socket. Returns a retry for network
 * errors. Not with `/api/info`: on a server's first ask that runs `claude --version` and `claude auth status` (seconds
 * of a busy machine), and the app showed nothing until both ended; Home's CLI check asks for it by itself.
 */
export function useBoot(): { bootError: string | null; retry: () => void } {
  const auth = useConnectionStore((s) => s.auth);
  const [bootError, setBootError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setUnauthorizedHandler((message) => useConnectionStore.getState().setAuth("unauthorized", message));
  }, []);

  useEffect(() => {
    let isCancelled = false;
    // The socket's frames are checked with schemas of their own chunk (ADR 0250): fetched while the sign-in is checked.
    void loadWireSchemas().catch((error: unknown) => {
      console.warn("chatml: the frame schema did not load yet", error);
      return offerReloadIfReplaced();
    });
    settingsApi
      .get()
      .then(() => {
        if (isCancelled) return;
        setBootError(null);
        openReturnRoute();
        useConnectionStore.getState().setAuth("ok");
      })
      .catch((error: unknown) => {
        if (isCancelled) return;
        if (error instanceof ApiError && error.code === "unauthorized") return; // the 401 handler already switched
        setBootError(errorMessage(error));
      });
    return () => {
      isCancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    if (auth !== "ok") return;
    void useConversationsStore.getState().load();
    void useJobsStore.getState().load();
    // Messages an older build queued in this tab's storage move to the server's queue (ADR 0031), once.
    void migrateLegacyQueue(localStorage, (id, commandId, text) => queueApi.enqueue(id, commandId, text, [])).catch((error: unknown) => console.warn("[queue] old tab queue not moved:", error));
    return startSync();
  }, [auth]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  // Without the server there is nothing to show: try again by itself, at once when the network comes back.
  useEffect(() => {
    if (!bootError) return;
    const timer = setTimeout(retry, BOOT_RETRY_MS);
    window.addEventListener("online", retry);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", retry);
    };
  }, [bootError, attempt, retry]);
  return { bootError, retry };
}

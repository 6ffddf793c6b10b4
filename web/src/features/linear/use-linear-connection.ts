import { useEffect } from "react";
import type { LinearConnection } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { onServerFrame } from "../../lib/socket.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { linearApi } from "./linear-api.ts";

let pending: Promise<void> | null = null;

/** Reads the Linear connection into the store, or why it could not be read (one read at a time however many screens ask). */
function loadLinearConnection(): void {
  if (pending) return;
  const store = useLinearStore.getState();
  pending = linearApi
    .connection()
    .then(({ connection: c }) => store.setConnection(c), (error: unknown) => store.setReadError(errorMessage(error)))
    .finally(() => (pending = null));
}

/**
 * The Linear connection, read once per app load, and again when it changed on any device. `isReadOnOpen` reads it
 * again when the screen opens (the Integrations screen, to show its problem now); a first visit still reads it once.
 */
export function useLinearConnection({ isReadOnOpen = false }: { isReadOnOpen?: boolean } = {}): LinearConnection | null {
  const connection = useLinearStore((s) => s.connection);
  useEffect(() => {
    if (isReadOnOpen) loadLinearConnection();
  }, [isReadOnOpen]);
  useEffect(() => {
    if (!connection) loadLinearConnection();
  }, [connection]);
  useEffect(() => onServerFrame((frame) => frame.type === "integrations.changed" && frame.service === "linear" && loadLinearConnection()), []);
  return connection;
}

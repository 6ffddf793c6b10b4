import { useEffect } from "react";
import type { LinearConnection } from "../../../../shared/index.ts";
import { onServerFrame } from "../../lib/socket.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { linearApi } from "./linear-api.ts";

let pending: Promise<void> | null = null;

/** Reads the Linear connection into the store (one read at a time however many screens ask). */
function loadLinearConnection(): void {
  if (pending) return;
  pending = linearApi
    .connection()
    .then(({ connection: c }) => useLinearStore.getState().setConnection(c))
    .catch((error: unknown) => console.warn("[linear] reading the connection failed:", error))
    .finally(() => (pending = null));
}

/**
 * The Linear connection, read once per app load (the Integrations screen reads it again), and again when it changed
 * on any device.
 */
export function useLinearConnection(): LinearConnection | null {
  const connection = useLinearStore((s) => s.connection);
  useEffect(() => {
    if (!connection) loadLinearConnection();
  }, [connection]);
  useEffect(() => onServerFrame((frame) => frame.type === "integrations.changed" && frame.service === "linear" && loadLinearConnection()), []);
  return connection;
}

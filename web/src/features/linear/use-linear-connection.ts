import { useEffect } from "react";
import type { LinearConnection } from "../../../../shared/index.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { linearApi } from "./linear-api.ts";

let pending: Promise<void> | null = null;

/** The Linear connection, read once per app load (the Integrations screen reads it again). */
export function useLinearConnection(): LinearConnection | null {
  const connection = useLinearStore((s) => s.connection);
  useEffect(() => {
    if (connection || pending) return;
    pending = linearApi
      .connection()
      .then(({ connection: c }) => useLinearStore.getState().setConnection(c))
      .catch((error: unknown) => console.warn("[linear] reading the connection failed:", error))
      .finally(() => (pending = null));
  }, [connection]);
  return connection;
}

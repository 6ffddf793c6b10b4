import { useCallback, useEffect, useRef, useState } from "react";
import { useConnectionStore } from "../stores/connection-store.ts";
import { ApiError, errorMessage } from "./http.ts";

/**
 * The error text of an action the user took (send, stop…). One that says the server could not be reached, or was
 * stopping and took nothing, goes by itself once the socket opens again: that proves the server is back, and the error
 * would otherwise keep saying it cannot be reached.
 */
export function useActionError(): { error: string | null; fail: (e: unknown) => void; clear: () => void } {
  const [error, setError] = useState<string | null>(null);
  const isUnreachable = useRef(false);
  const socket = useConnectionStore((s) => s.socket);
  const fail = useCallback((e: unknown) => {
    isUnreachable.current = e instanceof ApiError && (e.code === "network" || e.code === "server_stopping");
    setError(errorMessage(e));
  }, []);
  const clear = useCallback(() => {
    isUnreachable.current = false;
    setError(null);
  }, []);
  useEffect(() => {
    if (socket === "open" && isUnreachable.current) clear();
  }, [socket, clear]);
  return { error, fail, clear };
}

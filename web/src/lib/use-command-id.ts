import { useCallback, useRef } from "react";
import { newCommandId } from "./command-id.ts";

/**
 * Command ids that survive a retry: `idFor(key)` returns the same id while `key` (the command's payload) is
 * unchanged, so the server applies a retried command once; `done()` forgets it after success.
 */
export function useCommandId() {
  const current = useRef<{ key: string; id: string } | null>(null);
  const idFor = useCallback((key: string) => {
    if (current.current?.key !== key) current.current = { key, id: newCommandId() };
    return current.current.id;
  }, []);
  const done = useCallback(() => {
    current.current = null;
  }, []);
  return { idFor, done };
}

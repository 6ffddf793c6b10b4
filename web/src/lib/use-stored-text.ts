import { useCallback, useEffect, useRef, useState } from "react";

/** A localStorage value, or null when there is none or storage is unavailable (private mode, quota, policy). */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
    return null;
  }
}

/** Stores `value` under `key`; an empty or null value removes it. Storage problems are logged, never fatal. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
  }
}

/** Removes every stored value whose key starts with `prefix` except `keep`: the older versions of one draft. */
export function forgetStoredUnder(prefix: string, keep: string): void {
  try {
    const stale: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key !== null && key !== keep && key.startsWith(prefix)) stale.push(key);
    }
    for (const key of stale) localStorage.removeItem(key);
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
  }
}

/**
 * Text a user is writing (a message, a commit message, a pull request's description), kept in localStorage under
 * `storageKey` while it differs from `initial`, so leaving the screen or reloading the page loses none of it. Saving
 * waits for a pause in typing; leaving the screen or the page within that pause saves at once. `forget` drops the
 * stored text at once, for a form that is done and closes in the same render (its last text would be saved as it goes).
 */
export function useStoredText(storageKey: string, initial = "") {
  const [text, setText] = useState(() => readStored(storageKey) ?? initial);
  const unsaved = useRef<string | null>(null);
  const pendingSave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    unsaved.current = text;
    pendingSave.current = setTimeout(() => {
      writeStored(storageKey, text === initial ? null : text);
      unsaved.current = null;
    }, 250);
    return () => clearTimeout(pendingSave.current);
  }, [storageKey, text, initial]);
  useEffect(() => {
    const flush = () => {
      if (unsaved.current !== null) writeStored(storageKey, unsaved.current === initial ? null : unsaved.current);
      unsaved.current = null;
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [storageKey, initial]);
  // A save waiting for the pause would store again what was just forgotten, while the form is still on screen.
  const forget = useCallback(() => {
    clearTimeout(pendingSave.current);
    unsaved.current = null;
    writeStored(storageKey, null);
  }, [storageKey]);
  return [text, setText, forget] as const;
}

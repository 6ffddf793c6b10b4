import { useCallback, useMemo } from "react";
import { useStoredText } from "./use-stored-text.ts";

type Fields = Record<string, unknown>;

/**
 * A form's fields (a job, a skill) kept on the device while they differ from `initial`, as {@link useStoredText}
 * keeps one text: leaving the screen or reloading loses nothing. What was stored is read back field by field over
 * `initial`; a field stored with another type (an older version's draft, storage edited by hand) takes the initial
 * value, and `check` can correct what a type check cannot see (a nested value's shape). An edit form puts what it
 * edits and its version in `storageKey`, so a draft never outlives the thing it was started from.
 */
export function useStoredDraft<T extends Fields>(storageKey: string, initial: T, check: (draft: T, initial: T) => T = (draft) => draft) {
  const initialText = JSON.stringify(initial);
  const [text, setText, forget] = useStoredText(storageKey, initialText);
  const draft = useMemo(() => restore(text, JSON.parse(initialText) as T, check), [text, initialText, check]);
  const setDraft = useCallback(
    (update: (draft: T) => T) => setText((current) => JSON.stringify(update(restore(current, JSON.parse(initialText) as T, check)))),
    [setText, initialText, check],
  );
  return [draft, setDraft, forget] as const;
}

function restore<T extends Fields>(text: string, initial: T, check: (draft: T, initial: T) => T): T {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return initial;
  }
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return initial;
  const draft = { ...initial };
  for (const key of Object.keys(initial) as Array<keyof T>) {
    const value = (stored as Partial<T>)[key];
    if (value !== undefined && typeof value === typeof initial[key] && Array.isArray(value) === Array.isArray(initial[key])) draft[key] = value as T[keyof T];
  }
  return check(draft, initial);
}

/** A short tag of a text (32-bit FNV-1a, hex), for a storage key that must change when the text does. */
export function textTag(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

import type { SessionId } from "../../../../shared/index.ts";

/**
 * Editor text not on disk yet, kept in this device's localStorage (ADR 0160): a phone that discards the tab, a switch
 * to another app or a reload loses none of it. One record per session and file, holding the file version the edits
 * were made on, so that a reopened editor can tell whether the disk moved on meanwhile.
 */
export type KeptEdit = { text: string; baseVersion: string | null; keptAt: number };

const PREFIX = "chatml.unsaved-edit.";
/** Larger texts are not kept: localStorage holds ~5 MB for the whole app, drafts and settings included. */
export const MAX_KEPT_CHARS = 256 * 1024;
/** The most files kept at once; the oldest record goes first. */
export const MAX_KEPT_FILES = 20;

const keyOf = (sessionId: SessionId, path: string) => `${PREFIX}${sessionId}:${path}`;

function parse(raw: string | null): KeptEdit | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<KeptEdit>;
    if (typeof value.text !== "string" || typeof value.keptAt !== "number" || (value.baseVersion !== null && typeof value.baseVersion !== "string")) return null;
    return { text: value.text, baseVersion: value.baseVersion, keptAt: value.keptAt };
  } catch (error) {
    console.warn("chatml: an unreadable kept edit was ignored", error);
    return null;
  }
}

function keptKeysOldestFirst(): string[] {
  const keys: { key: string; keptAt: number }[] = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push({ key, keptAt: parse(localStorage.getItem(key))?.keptAt ?? 0 });
  }
  return keys.sort((a, b) => a.keptAt - b.keptAt).map(({ key }) => key);
}

/** The unsaved edits this device kept for the file, or null. */
export function readKeptEdit(sessionId: SessionId, path: string): KeptEdit | null {
  try {
    return parse(localStorage.getItem(keyOf(sessionId, path)));
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
    return null;
  }
}

/** Drops the file's kept edits (they were saved or discarded). */
export function forgetKeptEdit(sessionId: SessionId, path: string): void {
  try {
    localStorage.removeItem(keyOf(sessionId, path));
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
  }
}

/**
 * Keeps `text` (made on `baseVersion`) for the file, making room by dropping the oldest other records. Returns false
 * when it could not be kept (too large, storage full or unavailable); an older record of the file is dropped then, as
 * restoring it would bring back less than the user typed.
 */
export function keepEdit(sessionId: SessionId, path: string, text: string, baseVersion: string | null): boolean {
  const key = keyOf(sessionId, path);
  if (text.length > MAX_KEPT_CHARS) {
    forgetKeptEdit(sessionId, path);
    return false;
  }
  const record = JSON.stringify({ text, baseVersion, keptAt: Date.now() } satisfies KeptEdit);
  try {
    const others = keptKeysOldestFirst().filter((k) => k !== key);
    for (const old of others.slice(0, Math.max(0, others.length - (MAX_KEPT_FILES - 1)))) localStorage.removeItem(old);
    for (;;) {
      try {
        localStorage.setItem(key, record);
        return true;
      } catch (error) {
        const oldest = keptKeysOldestFirst().find((k) => k !== key);
        if (!oldest) throw error;
        localStorage.removeItem(oldest);
      }
    }
  } catch (error) {
    console.warn("chatml: unsaved edits could not be kept on this device", error);
    forgetKeptEdit(sessionId, path);
    return false;
  }
}

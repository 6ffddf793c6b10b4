import type { ImageInput } from "../../../../../shared/index.ts";

/** An image attached to a message not sent yet, as stored between page loads. */
export type StoredImage = ImageInput & { key: string; name: string };

const DB_NAME = "chatml-drafts";
const STORE = "images";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB did not open"));
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
    });
  } finally {
    db.close();
  }
}

/**
 * The images attached in a conversation's composer, kept in IndexedDB (images are too big for localStorage) so a
 * reload before sending loses nothing. Storage problems are logged, never fatal: the composer still works.
 */
export async function loadDraftImages(conversationId: string): Promise<StoredImage[]> {
  if (typeof indexedDB === "undefined") return [];
  try {
    const value = await run<unknown>("readonly", (s) => s.get(conversationId));
    return Array.isArray(value) ? (value as StoredImage[]) : [];
  } catch (error) {
    console.warn("chatml: could not read draft images", error);
    return [];
  }
}

/** Saves (or, for an empty list, forgets) a conversation's draft images. */
export async function saveDraftImages(conversationId: string, images: StoredImage[]): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  try {
    if (images.length > 0) await run("readwrite", (s) => s.put(images, conversationId));
    else await run("readwrite", (s) => s.delete(conversationId));
  } catch (error) {
    console.warn("chatml: could not save draft images", error);
  }
}

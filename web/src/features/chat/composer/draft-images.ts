import type { ImageInput } from "../../../../../shared/index.ts";

/** An image attached to a message not sent yet, as stored between page loads. */
export type StoredImage = ImageInput & { key: string; name: string };

const DB_NAME = "chatml-drafts";
const STORE = "images";

let connection: Promise<IDBDatabase> | null = null;

/**
 * One connection for the page's life: opening the database for every save cost the time in which a reload right
 * after attaching an image lost it (a write not committed when the page unloads is dropped).
 */
function database(): Promise<IDBDatabase> {
  connection ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database, or the browser closing it, ends this connection; the next call reopens.
      db.onversionchange = () => {
        db.close();
        connection = null;
      };
      db.onclose = () => {
        connection = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      connection = null;
      reject(request.error ?? new Error("IndexedDB did not open"));
    };
  });
  return connection;
}

/** Runs one request; answers once its transaction committed (a write is then kept even if the page goes next). */
async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = action(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error("IndexedDB request failed"));
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
  });
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

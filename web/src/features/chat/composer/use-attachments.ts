import { useCallback, useEffect, useRef, useState } from "react";
import { IMAGE_MEDIA_TYPES, MAX_IMAGE_BYTES, type ImageInput } from "../../../../../shared/index.ts";
import { loadDraftImages, saveDraftImages, type StoredImage } from "./draft-images.ts";

/** An image picked for the next message, with an object URL for its preview. */
export interface Attachment extends ImageInput {
  key: string;
  previewUrl: string;
  name: string;
}

const isAllowed = (type: string): type is ImageInput["mediaType"] => (IMAGE_MEDIA_TYPES as readonly string[]).includes(type);

/** A file's or blob's bytes as base64 (no data: prefix). */
export function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsDataURL(file);
  });
}

/**
 * Images for the next message, from paste, drop, the picker or the camera; checks type and size. Kept per
 * conversation in IndexedDB until sent, so a reload does not lose them.
 */
export function useAttachments(conversationId: string) {
  const [items, setItems] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const saveAhead = useDraftImages(conversationId, items, setItems);
  const add = useCallback(async (files: Iterable<File>) => {
    setError(null);
    for (const file of files) {
      if (!isAllowed(file.type)) {
        setError(`${file.name || "That file"} is not a PNG, JPEG, GIF or WebP image.`);
        continue;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        setError(`${file.name || "The image"} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
        continue;
      }
      const data = await toBase64(file);
      const item: Attachment = { key: crypto.getRandomValues(new Uint32Array(2)).join("-"), mediaType: file.type, data, previewUrl: URL.createObjectURL(file), name: file.name || "image" };
      // Stored before it shows: an image on screen is one a reload keeps.
      await saveAhead(item);
      setItems((list) => [...list, item].slice(0, 10));
    }
  }, [saveAhead]);
  const remove = useCallback((key: string) => setItems((list) => list.filter((i) => i.key !== key)), []);
  /** Takes sent images out; ones added while the message was on its way stay for the next. */
  const clearSent = useCallback((sent: readonly Attachment[]) => setItems((list) => list.filter((i) => !sent.includes(i))), []);
  /** Replaces the images with ones already read (a sent message's, to edit and send again). */
  const replace = useCallback((images: readonly ImageInput[]) => {
    setError(null);
    setItems(() => images.slice(0, 10).map((image, i) => ({ ...image, key: crypto.getRandomValues(new Uint32Array(2)).join("-"), previewUrl: `data:${image.mediaType};base64,${image.data}`, name: `image ${i + 1}` })));
  }, []);
  return { items, error, add, remove, clearSent, replace };
}

/**
 * Restores the conversation's unsent images once, then saves every change (sending clears them). Answers a function
 * that stores the list with one more image before it is shown.
 */
function useDraftImages(conversationId: string, items: Attachment[], setItems: (update: (list: Attachment[]) => Attachment[]) => void) {
  const loadedFor = useRef<string | null>(null);
  const shown = useRef(items);
  useEffect(() => {
    let isCurrent = true;
    loadedFor.current = null;
    // Another conversation's images never carry over.
    setItems((list) => (list.length === 0 ? list : []));
    void loadDraftImages(conversationId).then((stored) => {
      if (!isCurrent) return;
      const restored = stored.map((s) => ({ ...s, previewUrl: `data:${s.mediaType};base64,${s.data}` }));
      // Images attached while the stored ones were being read stay, after them.
      setItems((attached) => [...restored, ...attached.filter((item) => !restored.some((r) => r.key === item.key))].slice(0, 10));
      loadedFor.current = conversationId;
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, setItems]);
  useEffect(() => {
    shown.current = items;
    if (loadedFor.current !== conversationId) return;
    void saveDraftImages(conversationId, items.map(toStored));
  }, [conversationId, items]);
  // Before the stored images are read, the merge that follows the read stores the added one.
  return useCallback(
    (added: Attachment) => (loadedFor.current === conversationId ? saveDraftImages(conversationId, [...shown.current, added].slice(0, 10).map(toStored)) : Promise.resolve()),
    [conversationId],
  );
}

const toStored = ({ key, mediaType, data, name }: Attachment): StoredImage => ({ key, mediaType, data, name });

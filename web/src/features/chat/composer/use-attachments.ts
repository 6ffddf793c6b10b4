import { useCallback, useEffect, useRef, useState } from "react";
import { decodedBytes, IMAGE_MEDIA_TYPES, imagesTooLargeTogetherMessage, imageTooLargeMessage, imageTypeOf, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE, MAX_MESSAGE_IMAGES_BYTES, type ImageInput } from "../../../../../shared/index.ts";
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

const newKey = () => crypto.getRandomValues(new Uint32Array(2)).join("-");

/**
 * Images for the next message, from paste, drop, the picker or the camera; checks type and size. Kept per
 * conversation in IndexedDB until sent, so a reload does not lose them. None is ever dropped: an image past the
 * message's limits (count, size together) is refused as it is picked, and images put back from a message (`prepend`)
 * all stay, with `limitProblem` saying what to remove before sending.
 */
export function useAttachments(conversationId: string) {
  const [items, setItems] = useState<Attachment[]>([]);
  // The list as the latest change left it (the state's value shows only at the next render), so a paste of many
  // images and a second paste before the first is read count what is already on its way.
  const latest = useRef<Attachment[]>([]);
  // Files being read: how many, and their bytes (each counts against the message's limits before it shows).
  const reading = useRef({ count: 0, bytes: 0 });
  const change = useCallback((next: (list: Attachment[]) => Attachment[]) => {
    latest.current = next(latest.current);
    setItems(latest.current);
  }, []);
  const [error, setError] = useState<string | null>(null);
  // A refusal is about the file just picked: it said "notes.txt is not a PNG…" on in another conversation.
  const [errorFor, setErrorFor] = useState(conversationId);
  if (errorFor !== conversationId) {
    setErrorFor(conversationId);
    setError(null);
  }
  const saveAhead = useDraftImages(conversationId, items, latest, change);
  useRevokedPreviews(items);
  const add = useCallback(async (files: Iterable<File>) => {
    setError(null);
    for (const file of files) {
      if (!isAllowed(file.type)) {
        setError(`${file.name || "That file"} is not a PNG, JPEG, GIF or WebP image.`);
        continue;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        setError(imageTooLargeMessage(file.name || "The image", file.size));
        continue;
      }
      if (latest.current.length + reading.current.count >= MAX_IMAGES_PER_MESSAGE) {
        setError(`A message holds at most ${MAX_IMAGES_PER_MESSAGE} images: ${file.name || "the image"} was not added.`);
        continue;
      }
      const together = bytesOf(latest.current) + reading.current.bytes + file.size;
      if (together > MAX_MESSAGE_IMAGES_BYTES) {
        setError(`${imagesTooLargeTogetherMessage(together)} ${file.name || "The image"} was not added.`);
        continue;
      }
      reading.current.count += 1;
      reading.current.bytes += file.size;
      try {
        const data = await toBase64(file);
        // The type came from the file's name; the bytes say what it is (the server refuses a file that is no image).
        const mediaType = imageTypeOf(data);
        if (!mediaType) {
          setError(`${file.name || "That file"} is not a PNG, JPEG, GIF or WebP image: its contents are not one, whatever its name says.`);
          continue;
        }
        const item: Attachment = { key: newKey(), mediaType, data, previewUrl: URL.createObjectURL(file), name: file.name || "image" };
        // Stored before it shows: an image on screen is one a reload keeps.
        await saveAhead(item);
        change((list) => [...list, item]);
      } finally {
        reading.current.count -= 1;
        reading.current.bytes -= file.size;
      }
    }
  }, [saveAhead, change]);
  const remove = useCallback((key: string) => change((list) => list.filter((i) => i.key !== key)), [change]);
  /**
   * Takes sent images out; ones added while the message was on its way stay for the next. A refusal goes with the
   * message: it said "notes.txt is not a PNG…" under the composer on, over every message sent after it.
   */
  const clearSent = useCallback((sent: readonly Attachment[]) => {
    setError(null);
    change((list) => list.filter((i) => !sent.includes(i)));
  }, [change]);
  /** Puts images already read (a message's, to edit and send again) before the ones attached, which keep their names. */
  const prepend = useCallback((images: readonly ImageInput[]) => {
    setError(null);
    change((list) => {
      const names = new Set(list.map((item) => item.name));
      let number = 0;
      const nextName = () => {
        do number += 1;
        while (names.has(`image ${number}`));
        return `image ${number}`;
      };
      return [...images.map((image) => ({ ...image, key: newKey(), previewUrl: `data:${image.mediaType};base64,${image.data}`, name: nextName() })), ...list];
    });
  }, [change]);
  return { items, error, add, remove, clearSent, prepend, limitProblem: limitProblemOf(items) };
}

const bytesOf = (items: readonly ImageInput[]) => items.reduce((sum, item) => sum + decodedBytes(item.data.length), 0);

/** Why the images cannot go as one message (too many, or too large together), or null when they can. */
function limitProblemOf(items: readonly ImageInput[]): string | null {
  const overCount = items.length - MAX_IMAGES_PER_MESSAGE;
  if (overCount > 0) return `A message holds at most ${MAX_IMAGES_PER_MESSAGE} images: remove ${overCount} to send it.`;
  const bytes = bytesOf(items);
  return bytes > MAX_MESSAGE_IMAGES_BYTES ? imagesTooLargeTogetherMessage(bytes) : null;
}

/** Frees the bytes behind a picked image's preview once it leaves the list (sent, removed or another conversation). */
function useRevokedPreviews(items: readonly Attachment[]) {
  const shown = useRef<readonly Attachment[]>([]);
  useEffect(() => {
    for (const gone of shown.current) if (isObjectUrl(gone) && !items.includes(gone)) URL.revokeObjectURL(gone.previewUrl);
    shown.current = items;
  }, [items]);
  useEffect(() => () => shown.current.filter(isObjectUrl).forEach((item) => URL.revokeObjectURL(item.previewUrl)), []);
}

const isObjectUrl = (item: Attachment) => item.previewUrl.startsWith("blob:");

/**
 * Restores the conversation's unsent images once, then saves every change (sending clears them). Answers a function
 * that stores the list with one more image before it is shown.
 */
function useDraftImages(conversationId: string, items: Attachment[], latest: { readonly current: Attachment[] }, change: (next: (list: Attachment[]) => Attachment[]) => void) {
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    loadedFor.current = null;
    // Another conversation's images never carry over.
    change((list) => (list.length === 0 ? list : []));
    void loadDraftImages(conversationId).then((stored) => {
      if (!isCurrent) return;
      const restored = stored.map((s) => ({ ...s, previewUrl: `data:${s.mediaType};base64,${s.data}` }));
      // Images attached while the stored ones were being read stay, after them.
      change((attached) => [...restored, ...attached.filter((item) => !restored.some((r) => r.key === item.key))]);
      loadedFor.current = conversationId;
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, change]);
  useEffect(() => {
    if (loadedFor.current !== conversationId) return;
    void saveDraftImages(conversationId, items.map(toStored));
  }, [conversationId, items]);
  // Before the stored images are read, the merge that follows the read stores the added one.
  return useCallback(
    (added: Attachment) => (loadedFor.current === conversationId ? saveDraftImages(conversationId, [...latest.current, added].map(toStored)) : Promise.resolve()),
    [conversationId, latest],
  );
}

const toStored = ({ key, mediaType, data, name }: Attachment): StoredImage => ({ key, mediaType, data, name });

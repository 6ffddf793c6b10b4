import { useCallback, useState } from "react";
import { IMAGE_MEDIA_TYPES, MAX_IMAGE_BYTES, type ImageInput } from "../../../../../shared/index.ts";

/** An image picked for the next message, with an object URL for its preview. */
export interface Attachment extends ImageInput {
  key: string;
  previewUrl: string;
  name: string;
}

const isAllowed = (type: string): type is ImageInput["mediaType"] => (IMAGE_MEDIA_TYPES as readonly string[]).includes(type);

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsDataURL(file);
  });
}

/** Images for the next message, from paste, drop, the picker or the camera; checks type and size. */
export function useAttachments() {
  const [items, setItems] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
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
      setItems((list) => [...list, item].slice(0, 10));
    }
  }, []);
  const remove = useCallback((key: string) => setItems((list) => list.filter((i) => i.key !== key)), []);
  const clear = useCallback(() => setItems([]), []);
  return { items, error, add, remove, clear };
}

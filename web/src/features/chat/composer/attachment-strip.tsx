import { CloseIcon } from "../../../components/icons.tsx";
import type { Attachment } from "./use-attachments.ts";

/** Thumbnails of the images going with the next message, each removable. */
export function AttachmentStrip({ items, onRemove }: { items: Attachment[]; onRemove: (key: string) => void }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Attached images" className="mb-2 flex gap-3 overflow-x-auto pt-3 pr-3">
      {items.map((a) => (
        <li key={a.key} className="relative shrink-0">
          <img src={a.previewUrl} alt={a.name} className="size-16 rounded-lg border border-stone-300 object-cover dark:border-stone-700" />
          <button type="button" aria-label={`Remove ${a.name}`} onClick={() => onRemove(a.key)} className="absolute -right-3 -top-3 inline-flex size-11 items-center justify-center">
            <span className="inline-flex size-7 items-center justify-center rounded-full bg-stone-800 text-white">
              <CloseIcon className="size-4" />
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

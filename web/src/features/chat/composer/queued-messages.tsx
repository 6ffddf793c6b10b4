import { CloseIcon } from "../../../components/icons.tsx";
import { useQueueStore, type QueuedMessage } from "../../../stores/chat-queue-store.ts";

/** Messages waiting for the turn to end, each cancellable. */
export function QueuedMessages({ id, queue }: { id: string; queue: QueuedMessage[] }) {
  if (queue.length === 0) return null;
  return (
    <ul aria-label="Queued messages" className="mb-2 space-y-1">
      {queue.map((m, i) => (
        <li key={m.key} data-testid="queued-message" className="flex items-center gap-2 rounded-lg border border-dashed border-stone-300 bg-white px-3 py-1 text-sm dark:border-stone-700 dark:bg-stone-900">
          <span className="shrink-0 text-xs text-stone-500">Queued {i + 1}</span>
          <span className="min-w-0 flex-1 truncate">{m.text || `${m.images.length} image(s)`}</span>
          <button type="button" aria-label={`Cancel queued message ${i + 1}`} onClick={() => useQueueStore.getState().remove(id, m.key)} className="inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-stone-500 hover:bg-stone-200 dark:hover:bg-stone-800">
            <CloseIcon className="size-4" />
          </button>
        </li>
      ))}
    </ul>
  );
}

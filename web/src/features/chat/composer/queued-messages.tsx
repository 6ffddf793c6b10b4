import { useState } from "react";
import type { ConversationId, ImageInput, MessageQueue, QueuedMessage } from "../../../../../shared/index.ts";
import { ErrorText } from "../../../components/error-text.tsx";
import { CloseIcon, EditIcon, SendIcon } from "../../../components/icons.tsx";
import { errorMessage } from "../../../lib/http.ts";
import { queueApi } from "../../../lib/queue-api.ts";
import { formatCountdown, useCountdown } from "../../../lib/use-countdown.ts";
import { useQueueStore } from "../../../stores/queue-store.ts";
import { BareButton } from "../../../components/button.tsx";

const ICON_BUTTON = "inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-stone-500 hover:bg-stone-200 disabled:opacity-50 aria-disabled:opacity-50 dark:hover:bg-stone-800";

/**
 * Messages the server holds until the turn ends (ADR 0025): the same list on every device, each cancellable;
 * when no turn runs (after a stop or a restart) each can be sent now. After a stop they are held (ADR 0230), and
 * the list says so: nothing goes on its own until the user sends something. So does a turn that ended without
 * finishing (`hasNoProcess`: ChatML restarted, or Claude's process ended): the queue goes on at a finished turn's end,
 * and no turn runs to finish.
 */
export function QueuedMessages({ id, queue, isBusy, hasNoProcess = false, onEdit }: { id: ConversationId; queue: QueuedMessage[]; isBusy: boolean; hasNoProcess?: boolean; onEdit: (text: string, images: ImageInput[]) => void }) {
  const [error, setError] = useState<string | null>(null);
  if (queue.length === 0) return null;
  const act = (call: Promise<MessageQueue>) => {
    setError(null);
    call.then(
      (q) => useQueueStore.getState().put(q),
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  // Out of the queue and back into the box, to change and queue (or send) again.
  const edit = (itemId: string) => {
    setError(null);
    queueApi.takeBack(id, itemId).then(
      ({ queue: left, message }) => {
        useQueueStore.getState().put(left);
        onEdit(message.text, message.images);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  return (
    <div className="mb-2">
      <ErrorText message={error} className="px-1 pb-1" />
      {!isBusy && queue.some((m) => m.state === "held") ? (
        <p className="px-1 pb-1 text-xs text-stone-500">You stopped Claude, so these wait: send one now, or they go after your next message.</p>
      ) : !isBusy && hasNoProcess && queue.some((m) => m.state === "waiting" && !m.error && m.sendAfter === null) ? (
        <p className="px-1 pb-1 text-xs text-stone-500">Claude&apos;s last turn did not finish (ChatML restarted, or Claude&apos;s process ended), so these wait: send one now, or they go after your next message.</p>
      ) : null}
      <ul aria-label="Queued messages" className="space-y-1">
        {queue.map((m, i) => (
          <li key={m.id} data-testid="queued-message" className="rounded-lg border border-dashed border-stone-300 bg-white px-3 py-1 text-sm dark:border-stone-700 dark:bg-stone-900">
            <div className="flex items-center gap-2">
              <QueueLabel message={m} index={i} />
              <span className="min-w-0 flex-1 truncate">{m.text || `${m.imageCount} image(s)`}</span>
              {!isBusy && m.state !== "sending" ? (
                <button type="button" aria-label={`Send queued message ${i + 1} now`} title="Send now" onClick={() => act(queueApi.sendNow(id, m.id))} className={ICON_BUTTON}>
                  <SendIcon className="size-4" />
                </button>
              ) : null}
              <BareButton aria-label={`Edit queued message ${i + 1}`} title="Edit" disabled={m.state === "sending"} onClick={() => edit(m.id)} className={ICON_BUTTON}>
                <EditIcon className="size-4" />
              </BareButton>
              <BareButton aria-label={`Cancel queued message ${i + 1}`} disabled={m.state === "sending"} onClick={() => act(queueApi.cancel(id, m.id))} className={ICON_BUTTON}>
                <CloseIcon className="size-4" />
              </BareButton>
            </div>
            {/* Under the row and whole: it says how to go on (a budget to raise), and a phone has no hover for a title. */}
            {m.error ? <p className="pb-1 text-xs text-red-600 dark:text-red-400">Not sent: {m.error}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function QueueLabel({ message, index }: { message: QueuedMessage; index: number }) {
  const left = useCountdown(message.sendAfter);
  const text = message.state === "sending" ? "Sending…" : message.state === "held" ? `Held ${index + 1}` : left !== null && left > 0 ? `Sends in ${formatCountdown(left)}` : `Queued ${index + 1}`;
  return <span className="shrink-0 text-xs text-stone-500">{text}</span>;
}

import { useCallback, useEffect, useState } from "react";
import type { ConversationId, ImageInput, SessionId } from "../../../../../shared/index.ts";
import { api } from "../../../lib/api.ts";
import { queueApi } from "../../../lib/queue-api.ts";
import { workspacesApi } from "../../../lib/workspaces-api.ts";
import { useActionError } from "../../../lib/use-action-error.ts";
import { useCommandId } from "../../../lib/use-command-id.ts";
import { useBudgetStore } from "../../../stores/budget-store.ts";
import { useConnectionStore } from "../../../stores/connection-store.ts";
import { refusedBudget } from "../../budgets/index.ts";
import { selectQueue, useQueueStore } from "../../../stores/queue-store.ts";
import { pinTimeline } from "../use-timeline-scroll.ts";
import { rememberPrompt } from "./use-draft.ts";

/**
 * Sending while Claude works: send now when idle, queue on the server (sent in order as each turn ends, on every
 * device's behalf, surviving reloads — ADR 0025) or interrupt and send.
 * Never leaves `isSending` stuck: errors come back as text and the box stays usable.
 */
export function useSteering(id: ConversationId) {
  const [isSending, setIsSending] = useState(false);
  const { error, fail, clear } = useActionError();
  const { idFor, done } = useCommandId();
  const queue = useQueueStore(selectQueue(id));
  const socket = useConnectionStore((s) => s.socket);

  // Fetched on open and after every reconnect (frames missed while offline); live `queue` frames keep it current.
  useEffect(() => {
    if (socket !== "open") return;
    queueApi.get(id).then((q) => useQueueStore.getState().put(q), fail);
  }, [id, socket, fail]);

  /** Runs one way of handing `text` over; on success the composer clears and the prompt goes into its history. */
  const submit = useCallback(async (text: string, handOver: () => Promise<void>): Promise<boolean> => {
    setIsSending(true);
    clear();
    try {
      await handOver();
      done();
      if (text.trim()) rememberPrompt(text);
      return true;
    } catch (e) {
      // A used-up budget is said by the notice above the box (with the way to raise it), which goes once it is raised.
      const budget = refusedBudget(e);
      if (budget) useBudgetStore.getState().put(budget);
      else fail(e);
      return false;
    } finally {
      setIsSending(false);
    }
  }, [done, fail, clear]);

  const send = useCallback((text: string, images: ImageInput[]): Promise<boolean> =>
    submit(text, async () => {
      await api.sendMessage(id, idFor(`${text}\u0000${images.length}`), text, images);
      pinTimeline();
    }), [id, idFor, submit]);

  /** The server takes no message in an archived session (ADR 0072): one tap brings the session back and sends. */
  const unarchiveAndSend = useCallback((sessionId: SessionId, text: string, images: ImageInput[]): Promise<boolean> =>
    submit(text, async () => {
      await workspacesApi.unarchive(sessionId);
      await api.sendMessage(id, idFor(`${text}\u0000${images.length}`), text, images);
      pinTimeline();
    }), [id, idFor, submit]);

  const enqueue = useCallback((text: string, images: ImageInput[], sendAfter: number | null = null): Promise<boolean> =>
    submit(text, async () => {
      useQueueStore.getState().put(await queueApi.enqueue(id, idFor(`queue:${text}\u0000${images.length}`), text, images, sendAfter));
    }), [id, idFor, submit]);

  const interruptAndSend = useCallback(async (text: string, images: ImageInput[]) => {
    try {
      await api.interrupt(id, idFor(`interrupt-redirect:${text}`));
      done();
    } catch (e) {
      fail(e);
      return false;
    }
    return send(text, images);
  }, [id, idFor, done, send, fail]);

  return { send, unarchiveAndSend, enqueue, interruptAndSend, isSending, error, queue };
}

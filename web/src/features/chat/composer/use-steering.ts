import { useCallback, useEffect, useRef, useState } from "react";
import type { ConversationId, ConversationStatus, ImageInput } from "../../../../../shared/index.ts";
import { api } from "../../../lib/api.ts";
import { errorMessage } from "../../../lib/http.ts";
import { useCommandId } from "../../../lib/use-command-id.ts";
import { selectQueue, useQueueStore } from "../../../stores/chat-queue-store.ts";
import { isBusy } from "../use-conversation.ts";
import { pinTimeline } from "../use-timeline-scroll.ts";
import { rememberPrompt } from "./use-draft.ts";

/**
 * Sending while Claude works: send now when idle, queue (sent in order as each turn ends) or interrupt and send.
 * Never leaves `isSending` stuck: errors come back as text and the box stays usable.
 */
export function useSteering(id: ConversationId, status: ConversationStatus, lastTurnAt: number | null) {
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { idFor, done } = useCommandId();
  const queue = useQueueStore(selectQueue(id));
  const waitingFor = useRef<number | null | undefined>(undefined);

  const send = useCallback(async (text: string, images: ImageInput[]): Promise<boolean> => {
    setIsSending(true);
    setError(null);
    try {
      await api.sendMessage(id, idFor(`${text}\u0000${images.length}`), text, images);
      done();
      if (text.trim()) rememberPrompt(text);
      pinTimeline();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setIsSending(false);
    }
  }, [id, idFor, done]);

  const enqueue = useCallback((text: string, images: ImageInput[]) => {
    useQueueStore.getState().enqueue(id, { key: `${Date.now()}-${Math.random().toString(36).slice(2)}`, text, images });
    if (text.trim()) rememberPrompt(text);
  }, [id]);

  const interruptAndSend = useCallback(async (text: string, images: ImageInput[]) => {
    try {
      await api.interrupt(id, idFor(`interrupt-redirect:${text}`));
      done();
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
    return send(text, images);
  }, [id, idFor, done, send]);

  // The queue runner: one queued message per finished turn.
  const head = queue[0];
  useEffect(() => {
    if (!head || isSending || isBusy(status)) return;
    if (waitingFor.current !== undefined && waitingFor.current === lastTurnAt && status !== "idle" && status !== "exited") return;
    waitingFor.current = lastTurnAt;
    void send(head.text, head.images).then((ok) => ok && useQueueStore.getState().remove(id, head.key));
  }, [head, isSending, status, lastTurnAt, send, id]);

  return { send, enqueue, interruptAndSend, isSending, error, queue };
}

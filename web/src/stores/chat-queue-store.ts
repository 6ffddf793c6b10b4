import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { ImageInput } from "../../../shared/index.ts";

/** A message waiting for the running turn to end. */
export interface QueuedMessage {
  key: string;
  text: string;
  images: ImageInput[];
}

interface QueueState {
  queues: Record<string, QueuedMessage[]>;
  enqueue: (conversationId: string, message: QueuedMessage) => void;
  remove: (conversationId: string, key: string) => void;
}

/** Messages queued per conversation while Claude works; kept across reloads, sent in order when the turn ends. */
export const useQueueStore = create<QueueState>()(
  persist(
    (set) => ({
      queues: {},
      enqueue: (id, message) => set((s) => ({ queues: { ...s.queues, [id]: [...(s.queues[id] ?? []), message] } })),
      remove: (id, key) => set((s) => ({ queues: { ...s.queues, [id]: (s.queues[id] ?? []).filter((m) => m.key !== key) } })),
    }),
    // Images are not persisted: a reload keeps queued text only, so localStorage never fills with base64.
    { name: "chatml.queue", partialize: (s) => ({ queues: Object.fromEntries(Object.entries(s.queues).map(([k, v]) => [k, v.map((m) => ({ ...m, images: [] }))])) }) },
  ),
);

const NONE: QueuedMessage[] = [];
/** The queue of one conversation. */
export const selectQueue = (id: string) => (s: QueueState) => s.queues[id] ?? NONE;

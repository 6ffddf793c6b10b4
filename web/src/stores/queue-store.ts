import { create } from "zustand";
import type { MessageQueue, QueuedMessage } from "../../../shared/index.ts";

/** Each conversation's queue of messages waiting for the turn to end, as the server streams it to every device. */
interface QueueStoreState {
  byConversation: Record<string, QueuedMessage[]>;
  put: (queue: MessageQueue) => void;
}

export const useQueueStore = create<QueueStoreState>()((set) => ({
  byConversation: {},
  put: (queue) => set((s) => ({ byConversation: { ...s.byConversation, [queue.conversationId]: queue.items } })),
}));

const NONE: QueuedMessage[] = [];
/** The queue of one conversation (empty until fetched). */
export const selectQueue = (id: string) => (s: QueueStoreState) => s.byConversation[id] ?? NONE;

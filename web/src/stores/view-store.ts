import { create } from "zustand";
import type { ConversationId, EphemeralEvent, SequencedEvent } from "../../../shared/index.ts";
import { applyDelta } from "../protocol/apply-delta.ts";
import { applyEvent } from "../protocol/apply-event.ts";
import { emptyView, type ConversationView } from "../protocol/conversation-view.ts";

/** One reduced view per opened conversation, plus whether its replay has finished. */
interface ViewState {
  views: Partial<Record<ConversationId, ConversationView>>;
  isReplayed: Partial<Record<ConversationId, boolean>>;
  applyEvent: (id: ConversationId, event: SequencedEvent) => void;
  applyDelta: (id: ConversationId, event: EphemeralEvent) => void;
  markReplayed: (id: ConversationId) => void;
}

export const useViewStore = create<ViewState>()((set) => ({
  views: {},
  isReplayed: {},
  applyEvent: (id, event) =>
    set((s) => {
      const before = s.views[id] ?? emptyView();
      const after = applyEvent(before, event);
      return after === before ? s : { views: { ...s.views, [id]: after } };
    }),
  applyDelta: (id, event) =>
    set((s) => {
      const before = s.views[id] ?? emptyView();
      const after = applyDelta(before, event);
      return after === before ? s : { views: { ...s.views, [id]: after } };
    }),
  markReplayed: (id) => set((s) => ({ isReplayed: { ...s.isReplayed, [id]: true } })),
}));

/** The last durable seq this tab holds for a conversation (the socket's resume point). */
export function lastSeqOf(id: ConversationId): number {
  return useViewStore.getState().views[id]?.lastSeq ?? 0;
}

export const selectView = (id: ConversationId) => (s: ViewState) => s.views[id];

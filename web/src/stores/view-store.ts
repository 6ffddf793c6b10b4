import { create } from "zustand";
import type { ConversationId, EphemeralEvent, MessageId, Part, SequencedEvent } from "../../../shared/index.ts";
import { applyDelta } from "../protocol/apply-delta.ts";
import { applyEvent } from "../protocol/apply-event.ts";
import { emptyView, putMessage, toViewPart, upsertPart, type ConversationView } from "../protocol/conversation-view.ts";
import type { HistoryPage } from "../../../shared/index.ts";
import { prependPage, viewFromPage } from "../protocol/history.ts";

/** One reduced view per opened conversation, plus whether its replay has finished. */
interface ViewState {
  views: Partial<Record<ConversationId, ConversationView>>;
  isReplayed: Partial<Record<ConversationId, boolean>>;
  /** How many times the socket has caught up with each conversation (each subscribe ends in one). */
  replays: Partial<Record<ConversationId, number>>;
  applyEvent: (id: ConversationId, event: SequencedEvent) => void;
  /** Applies a frame's worth of (coalesced) ephemeral events in one store update. */
  applyDeltas: (id: ConversationId, events: readonly EphemeralEvent[]) => void;
  markReplayed: (id: ConversationId) => void;
  /** Starts a view from the newest history page (before the socket subscribes after its `lastSeq`). */
  hydrate: (id: ConversationId, page: HistoryPage) => void;
  /** Adds an older history page in front. */
  prepend: (id: ConversationId, page: HistoryPage) => void;
  /** Replaces one part with its full stored version ("show all"). */
  replacePart: (id: ConversationId, messageId: MessageId, part: Part) => void;
  /** Drops what this tab holds of a conversation (it was deleted), so a long one's text does not stay in memory. */
  forget: (ids: readonly ConversationId[]) => void;
}

type Update = (view: ConversationView) => ConversationView;

export const useViewStore = create<ViewState>()((set) => {
  const update = (id: ConversationId, fn: Update) =>
    set((s) => {
      const before = s.views[id] ?? emptyView();
      const after = fn(before);
      return after === before ? s : { views: { ...s.views, [id]: after } };
    });
  return {
    views: {},
    isReplayed: {},
    replays: {},
    applyEvent: (id, event) => update(id, (v) => applyEvent(v, event)),
    applyDeltas: (id, events) => update(id, (v) => events.reduce(applyDelta, v)),
    markReplayed: (id) => set((s) => ({ isReplayed: { ...s.isReplayed, [id]: true }, replays: { ...s.replays, [id]: (s.replays[id] ?? 0) + 1 } })),
    hydrate: (id, page) => set((s) => (s.views[id] ? s : { views: { ...s.views, [id]: viewFromPage(page) } })),
    prepend: (id, page) => update(id, (v) => prependPage(v, page)),
    replacePart: (id, messageId, part) =>
      update(id, (v) => {
        const message = v.messages[messageId];
        return message ? putMessage(v, upsertPart(message, toViewPart(part))) : v;
      }),
    forget: (ids) =>
      set((s) => {
        if (!ids.some((id) => s.views[id] || s.isReplayed[id])) return s;
        const views = { ...s.views };
        const isReplayed = { ...s.isReplayed };
        const replays = { ...s.replays };
        for (const id of ids) {
          delete views[id];
          delete isReplayed[id];
          delete replays[id];
        }
        return { views, isReplayed, replays };
      }),
  };
});

/** The last durable seq this tab holds for a conversation (the socket's resume point). */
export function lastSeqOf(id: ConversationId): number {
  return useViewStore.getState().views[id]?.lastSeq ?? 0;
}

/** Whether this tab already holds a view of the conversation (loaded from history or replay). */
export function hasView(id: ConversationId): boolean {
  return useViewStore.getState().views[id] !== undefined;
}

export const selectView = (id: ConversationId) => (s: ViewState) => s.views[id];

import type { HistoryPage, Message, SequencedEvent } from "../../../shared/index.ts";
import { applyEvent } from "./apply-event.ts";
import { emptyView, toViewPart, type ConversationView, type TimelineItem, type ViewMessage } from "./conversation-view.ts";

type Row = { at: number; order: number; item: TimelineItem };

/**
 * Builds a view from the newest history page: its messages and markers interleaved by time, the state from the
 * newest events of each kind, and `lastSeq` so the socket resumes right after the page.
 * @example const view = viewFromPage(await api.history(id)); socket.subscribe(id) // afterSeq = view.lastSeq
 */
export function viewFromPage(page: HistoryPage): ConversationView {
  let state = emptyView();
  for (const event of page.state) state = applyEvent(state, event);
  const base: ConversationView = {
    ...state,
    items: [],
    messages: {},
    pendingPermissions: page.pendingPermissions,
    lastSeq: page.lastSeq,
    // Loaded mid-turn, the turn began at the newest prompt, which the server names even when it is pages back: the
    // working timer goes on from there instead of vanishing (or restarting) on reload.
    turnStartedAt: state.status === "running" || state.status === "waiting" ? (page.promptAt ?? null) : null,
    promptAt: page.promptAt,
    decidedPermissions: [],
    historyTodos: page.todoCalls,
  };
  return prependPage(base, page);
}

/** Puts an older page (messages + markers) before what the view already holds; the view's live state is kept. */
export function prependPage(view: ConversationView, page: HistoryPage): ConversationView {
  const messages = { ...view.messages };
  const rows: Row[] = [];
  page.messages.forEach((message, index) => {
    if (messages[message.id]) return;
    messages[message.id] = toViewMessage(message);
    rows.push({ at: message.createdAt, order: index, item: { kind: "message", id: message.id } });
  });
  for (const marker of page.markers) {
    const item = markerItem(marker);
    if (item && !view.items.some((i) => i.kind !== "message" && i.seq === marker.seq)) rows.push({ at: marker.at, order: 1e6 + marker.seq, item });
  }
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  return { ...view, messages, items: [...rows.map((r) => r.item), ...view.items], olderCursor: page.nextBeforePosition };
}

function toViewMessage(message: Message): ViewMessage {
  return { ...message, parts: message.parts.map(toViewPart), isPlaceholder: false };
}

function markerItem({ seq, at, event }: SequencedEvent): TimelineItem | null {
  switch (event.type) {
    case "turn.completed": {
      const { type: _type, ...turn } = event;
      return { kind: "turn", seq, turn: { ...turn, at } };
    }
    case "process.exited": {
      const { type: _type, ...exit } = event;
      return { kind: "exit", seq, exit: { ...exit, at } };
    }
    case "notice": {
      const { type: _type, ...notice } = event;
      return { kind: "notice", seq, notice: { ...notice, at } };
    }
    default:
      return null;
  }
}

import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { applyDelta } from "../../web/src/protocol/apply-delta.ts";
import { applyEvent } from "../../web/src/protocol/apply-event.ts";
import { emptyView, type ConversationView } from "../../web/src/protocol/conversation-view.ts";

/**
 * The transcript a browser would show for one conversation after these frames, built with the SPA's own pure
 * reducers (`applyEvent` / `applyDelta`), so fault tests compare what users see, not just event lists.
 */
export function viewOf(frames: readonly ServerFrame[], conversationId: string): ConversationView {
  let view = emptyView();
  for (const frame of frames) {
    if (frame.type === "event" && frame.conversationId === conversationId) view = applyEvent(view, { seq: frame.seq, at: frame.at, event: frame.event });
    if (frame.type === "delta" && frame.conversationId === conversationId) view = applyDelta(view, frame.event);
  }
  return view;
}

/** All text of a view's messages in timeline order (streaming placeholders included), for readable failures. */
export function visibleText(view: ConversationView): string {
  return view.items
    .flatMap((item) => (item.kind === "message" ? (view.messages[item.id]?.parts ?? []) : []))
    .map((part) => (part.kind === "text" || part.kind === "thinking" ? part.text : ""))
    .join("\n");
}

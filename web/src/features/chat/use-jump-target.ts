import type { Virtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { ConversationView, TimelineItem } from "../../protocol/conversation-view.ts";
import { parseRoute, useNavStore } from "../../stores/nav-store.ts";

type Older = { hasOlder: boolean; isLoading: boolean; error: string | null; loadOlder: () => Promise<void> };

/** The row that shows a message: its own, or (for a sub-agent's message) the row of the call that ran it. */
export function rowIndexOf(rows: TimelineItem[], view: ConversationView, messageId: string): number {
  const own = rows.findIndex((row) => row.kind === "message" && row.id === messageId);
  if (own !== -1) return own;
  const parent = view.messages[messageId as keyof typeof view.messages]?.parentToolUseId;
  if (!parent) return -1;
  return rows.findIndex((row) => row.kind === "message" && view.messages[row.id]?.parts.some((p) => p.kind === "tool" && p.toolUseId === parent));
}

/**
 * A link to a message (a search result) that this tab does not hold yet: loads older history pages until the message
 * is there, then scrolls the virtualized timeline to its row, so the row is rendered (and flashed by the shell).
 */
export function useJumpTarget(conversationId: string, rows: TimelineItem[], view: ConversationView, older: Older, scroll: { virtualizer: Virtualizer<HTMLDivElement, Element>; unpin: () => void }): void {
  const target = useNavStore((s) => {
    const route = parseRoute(s.hash);
    return route.view === "conversation" && route.id === conversationId ? (route.messageId ?? null) : null;
  });
  const index = target ? rowIndexOf(rows, view, target) : -1;
  const { virtualizer, unpin } = scroll;
  // Each link is followed once: afterwards the reader scrolls freely (the hash keeps the message id).
  const reached = useRef<string | null>(null);
  useEffect(() => {
    if (!target || reached.current === target) return;
    if (index !== -1) {
      reached.current = target;
      unpin();
      virtualizer.scrollToIndex(index, { align: "center" });
      return;
    }
    if (older.hasOlder && !older.isLoading && !older.error) void older.loadOlder();
  }, [target, index, older, virtualizer, unpin]);
}

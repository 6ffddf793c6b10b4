import { useEffect } from "react";
import type { ConversationId, ConversationStatus } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { watchConversation } from "../../stores/socket-sync.ts";
import { selectView, useViewStore } from "../../stores/view-store.ts";
import { emptyView } from "../../protocol/conversation-view.ts";

const EMPTY = emptyView();

/** Subscribes to a conversation while mounted and returns its entity, reduced view and current status. */
export function useConversation(id: ConversationId) {
  const conversation = useConversationsStore((s) => s.conversations[id]);
  const view = useViewStore(selectView(id)) ?? EMPTY;
  const isReplayed = useViewStore((s) => s.isReplayed[id] ?? false);
  const isKnown = conversation !== undefined;

  useEffect(() => watchConversation(id), [id]);

  // Opened from a link before the list loaded: fetch the entity so the header and status are right.
  useEffect(() => {
    if (isKnown) return;
    api
      .conversation(id)
      .then(({ conversation: c }) => useConversationsStore.getState().upsert({ kind: "conversation", conversation: c }))
      .catch((e: unknown) => console.warn("chatml: could not load conversation", e));
  }, [id, isKnown]);

  // The entity is the freshest word on status unless the event log is ahead of it.
  const isEntityCurrent = conversation !== undefined && conversation.lastSeq >= view.lastSeq;
  const status: ConversationStatus = isEntityCurrent ? conversation.status : view.status;
  const statusReason = isEntityCurrent ? conversation.statusReason : view.statusReason;
  return { conversation, view, isReplayed, status, statusReason };
}

/** A turn can be interrupted while the CLI works or waits for the user. */
export function isBusy(status: ConversationStatus): boolean {
  return status === "running" || status === "waiting" || status === "starting";
}

import { useEffect, useState } from "react";
import type { ConversationId, ConversationStatus } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { watchConversation } from "../../stores/socket-sync.ts";
import { hasView, selectView, useViewStore } from "../../stores/view-store.ts";
import { emptyView } from "../../protocol/conversation-view.ts";
import { isNotFound } from "./use-conversation-presence.ts";

const EMPTY = emptyView();
/** Newest-page loads in flight, shared so StrictMode's double effect does not fetch twice. */
const loading = new Map<ConversationId, Promise<void>>();

function loadNewestPage(id: ConversationId): Promise<void> {
  if (hasView(id)) return Promise.resolve();
  let pending = loading.get(id);
  if (!pending) {
    pending = api.history(id).then((page) => useViewStore.getState().hydrate(id, page)).finally(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

/**
 * Opens a conversation: the newest history page over REST first, then the socket subscribes after that page's
 * `lastSeq` (never a replay of the whole log). Returns its entity, reduced view and current status, and `isMissing`
 * when the server answered that it does not exist.
 */
export function useConversation(id: ConversationId) {
  const conversation = useConversationsStore((s) => s.conversations[id]);
  const view = useViewStore(selectView(id)) ?? EMPTY;
  const isReplayed = useViewStore((s) => s.isReplayed[id] ?? false);
  const replays = useViewStore((s) => s.replays[id] ?? 0);
  /** The newest page's failure (of this conversation), with how many times the socket had caught up by then. */
  const [loadError, setLoadError] = useState<{ id: ConversationId; message: string; replays: number } | null>(null);
  const [isMissing, setIsMissing] = useState(false);
  const isKnown = conversation !== undefined;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let isCancelled = false;
    loadNewestPage(id)
      .then(
        () => true,
        (e: unknown) => {
          setLoadError({ id, message: errorMessage(e), replays: useViewStore.getState().replays[id] ?? 0 });
          setIsMissing(isNotFound(e));
          return !isNotFound(e); // nothing to watch in a conversation the server does not know
        },
      )
      .then((shouldWatch) => {
        if (!isCancelled && shouldWatch) stop = watchConversation(id);
      });
    return () => {
      isCancelled = true;
      stop?.();
    };
  }, [id]);

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
  // The page failed, but the socket has caught up since (it then brings the whole log): the error is out of date.
  const shownLoadError = loadError?.id === id && replays <= loadError.replays ? loadError.message : null;
  return { conversation, view, isReplayed, status, statusReason, loadError: shownLoadError, isMissing };
}

/** A turn can be interrupted while the CLI works or waits for the user. */
export function isBusy(status: ConversationStatus): boolean {
  return status === "running" || status === "waiting" || status === "starting";
}

import { useEffect, useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { ApiError } from "../../lib/http.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";

/**
 * open: in the lists (or the server could not be asked: the screen opens and shows its own error); checking: not in
 * the lists, the server is asked; missing: the server answered 404.
 */
export type ConversationPresence = "open" | "checking" | "missing";

/** A 404 from the server: what was asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * Whether a conversation exists, before its screen opens (and asks for its history, queue and commands). One the
 * loaded lists do not hold is fetched: found, it joins the lists (it may be newer than they are); a 404 makes it
 * missing. Also returns the session it was in, if known (from the lists while it was there, or from a job's run).
 */
export function useConversationPresence(id: ConversationId): { presence: ConversationPresence; sessionId: string | null } {
  const isKnown = useConversationsStore((s) => s.conversations[id] !== undefined);
  const isSettled = useConversationsStore((s) => s.isLoaded || s.loadError !== null);
  const listedSessionId = useConversationsStore((s) => s.conversations[id]?.sessionId ?? null);
  const runSessionId = useJobsStore((s) => Object.values(s.runs).find((run) => run.conversationId === id)?.sessionId ?? null);
  // The session is remembered after the conversation leaves the lists, so the screen that says it is gone can link it.
  const [remembered, setRemembered] = useState<{ id: ConversationId; sessionId: string | null }>({ id, sessionId: listedSessionId });
  if (remembered.id !== id || (listedSessionId && remembered.sessionId !== listedSessionId)) setRemembered({ id, sessionId: listedSessionId });
  const [answer, setAnswer] = useState<{ id: ConversationId; isMissing: boolean } | null>(null);
  const shouldCheck = isSettled && !isKnown;

  useEffect(() => {
    if (!shouldCheck) return;
    let isCurrent = true;
    api
      .conversation(id)
      .then(({ conversation }) => useConversationsStore.getState().addIfMissing({ kind: "conversation", conversation }))
      .catch((error: unknown) => {
        if (!isCurrent) return;
        if (!isNotFound(error)) console.warn("chatml: could not check the conversation", error);
        setAnswer({ id, isMissing: isNotFound(error) });
      });
    return () => {
      isCurrent = false;
    };
  }, [id, shouldCheck]);

  const sessionId = (remembered.id === id ? remembered.sessionId : null) ?? runSessionId;
  if (isKnown) return { presence: "open", sessionId };
  if (!isSettled || answer?.id !== id) return { presence: "checking", sessionId };
  return { presence: answer.isMissing ? "missing" : "open", sessionId };
}

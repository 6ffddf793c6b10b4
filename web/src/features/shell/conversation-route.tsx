import type { ConversationId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { ChatScreen } from "../chat/chat-screen.tsx";
import { ConversationNotFound } from "../chat/conversation-not-found.tsx";
import { useConversationPresence } from "../chat/use-conversation-presence.ts";
import { SessionLine, SessionMenuButton, sessionLabelUnder } from "../sessions/session-header.tsx";
import { SessionFrame } from "./session-frame.tsx";

/**
 * A conversation in the middle of its session's workbench (a chunk of its own, see lazy-screens). On phones the
 * conversation's header names the session and opens its menu, so the session needs no header row of its own there.
 * One the server does not know (deleted) is one plain "does not exist" screen instead, with no composer.
 */
export function ConversationRoute({ id }: { id: ConversationId }) {
  const sessionId = useConversationsStore((s) => s.conversations[id]?.sessionId ?? null);
  const session = useConversationsStore((s) => (sessionId ? s.sessions[sessionId] : undefined));
  const conversationTitle = useConversationsStore((s) => s.conversations[id]?.title ?? null);
  const workspaceName = useConversationsStore((s) => (session ? (s.workspaces[session.workspaceId]?.name ?? null) : null));
  const { presence, sessionId: lastSessionId } = useConversationPresence(id);
  const phoneSession = session ? { line: <SessionLine session={session} label={sessionLabelUnder(session, conversationTitle, workspaceName)} />, menu: <SessionMenuButton session={session} /> } : null;
  return (
    <SessionFrame sessionId={sessionId} hasPhoneHeader={session !== undefined}>
      {presence === "open" ? <ChatScreen key={id} id={id} phoneSession={phoneSession} /> : null}
      {presence === "checking" ? <p className="p-4 text-sm text-stone-500">Loading…</p> : null}
      {presence === "missing" ? <ConversationNotFound sessionId={lastSessionId} /> : null}
    </SessionFrame>
  );
}

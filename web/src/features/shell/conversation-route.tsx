import type { ConversationId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { ChatScreen } from "../chat/chat-screen.tsx";
import { SessionFrame } from "./session-frame.tsx";

/** A conversation in the middle of its session's workbench (a chunk of its own, see lazy-screens). */
export function ConversationRoute({ id }: { id: ConversationId }) {
  const sessionId = useConversationsStore((s) => s.conversations[id]?.sessionId ?? null);
  return (
    <SessionFrame sessionId={sessionId}>
      <ChatScreen key={id} id={id} />
    </SessionFrame>
  );
}

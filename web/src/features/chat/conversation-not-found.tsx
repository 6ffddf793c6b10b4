import { Button } from "../../components/button.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { MissingScreen } from "../shell/missing-screen.tsx";

/**
 * A conversation the server does not know (deleted, alone or with its session): one plain line and the ways back —
 * its session when that still exists, and Home. No timeline, no status, no composer.
 */
export function ConversationNotFound({ sessionId }: { sessionId: string | null }) {
  const go = useNavStore((s) => s.go);
  const session = useConversationsStore((s) => (sessionId ? s.sessions[sessionId] : undefined));
  return (
    <MissingScreen title="Conversation" what="conversation" testId="conversation-not-found">
      {session ? <Button onClick={() => go({ view: "session", id: session.id })}>Open the session “{session.title ?? session.name}”</Button> : null}
    </MissingScreen>
  );
}

import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { MissingScreen } from "../shell/missing-screen.tsx";
import { sessionTitle } from "../../lib/shown-title.ts";

/**
 * A conversation the server does not know (deleted, alone or with its session): one plain line and the ways back —
 * its session when that still exists, and Home. No timeline, no status, no composer.
 */
export function ConversationNotFound({ sessionId }: { sessionId: string | null }) {
  const session = useConversationsStore((s) => (sessionId ? s.sessions[sessionId] : undefined));
  return (
    <MissingScreen title="Conversation" what="conversation" testId="conversation-not-found">
      {session ? (
        <ScreenLink route={{ view: "session", id: session.id }} className={buttonLook("secondary")}>
          Open the session “{sessionTitle(session)}”
        </ScreenLink>
      ) : null}
    </MissingScreen>
  );
}

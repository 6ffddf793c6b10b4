import { Button } from "../../components/button.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { TopBar } from "../shell/top-bar.tsx";

/**
 * A conversation the server does not know (deleted, alone or with its session): one plain line and the ways back —
 * its session when that still exists, and Home. No timeline, no status, no composer.
 */
export function ConversationNotFound({ sessionId }: { sessionId: string | null }) {
  const go = useNavStore((s) => s.go);
  const session = useConversationsStore((s) => (sessionId ? s.sessions[sessionId] : undefined));
  return (
    <>
      <TopBar title="Conversation" />
      <main className="flex min-h-0 flex-1 flex-col items-start gap-3 p-4" data-testid="conversation-not-found">
        <p className="text-sm text-stone-500">This conversation does not exist (any more).</p>
        <div className="flex flex-wrap gap-2">
          {session ? <Button onClick={() => go({ view: "session", id: session.id })}>Open the session “{session.title ?? session.name}”</Button> : null}
          <Button onClick={() => go({ view: "home" })}>Go to Home</Button>
        </div>
      </main>
    </>
  );
}

import { ChatScreen } from "../chat/chat-screen.tsx";
import { ConversationSidebar } from "../conversations/conversation-sidebar.tsx";
import { StartScreen } from "../start/start-screen.tsx";
import { useUiStore } from "../../stores/ui-store.ts";
import { ConnectionBanner } from "./connection-banner.tsx";

/**
 * The signed-in layout, sized to the visual viewport: a sidebar on desktop (a drawer on phones) and the main screen.
 */
export function AppShell() {
  const selectedId = useUiStore((s) => s.selectedId);
  return (
    <div className="fixed inset-x-0 top-[var(--app-top,0px)] flex h-[var(--app-height,100dvh)] overflow-hidden">
      <ConversationSidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner />
        {selectedId ? <ChatScreen key={selectedId} id={selectedId} /> : <StartScreen />}
      </div>
    </div>
  );
}

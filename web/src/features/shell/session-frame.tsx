import type { ReactNode } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { useHasRoomForPanels } from "../../lib/use-short-viewport.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { selectPhoneView, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { SessionHeader } from "../sessions/session-header.tsx";
import { preloadWorkbench, SessionWorkbench } from "../workbench/index.ts";

/**
 * A session's screen (its overview or one of its conversations) under the compact header, inside the workbench (its
 * git tools only when the session is in a git repository). What decides the layout is stable (kind, the workspace
 * being a repo), so the conversation is never unmounted and remounted while someone types. A screen that names the
 * session itself on phones (`hasPhoneHeader`: a conversation, the overview) replaces the header row there while it is up.
 */
export function SessionFrame({ sessionId, hasPhoneHeader = false, children }: { sessionId: string | null; hasPhoneHeader?: boolean; children: ReactNode }) {
  const session = useConversationsStore((s) => (sessionId ? s.sessions[sessionId] : undefined));
  const isGitRepo = useConversationsStore((s) => (session ? (s.workspaces[session.workspaceId]?.isGitRepo ?? false) : false));
  const isSettled = useConversationsStore((s) => s.isLoaded || s.loadError !== null);
  // The workbench's own test (SessionWorkbench): a phone turned sideways shows the phone's views, and the header row
  // over its conversation's own top bar was a second menu button, and the two took a quarter of the screen's height.
  const hasPanels = useHasRoomForPanels();
  const isChatUp = useWorkbenchStore((s) => (sessionId ? selectPhoneView(sessionId)(s) === "chat" : false));
  if (!isSettled) return <p className="p-4 text-sm text-stone-500">Loading…</p>;
  if (!session) return <>{children}</>;
  const hasGit = session.kind !== "folder" || isGitRepo;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {hasPanels || !hasPhoneHeader || !isChatUp ? <SessionHeader session={session} hasSidePanel={hasGit} /> : null}
      <SessionWorkbench sessionId={session.id as SessionId} hasGit={hasGit}>
        {children}
      </SessionWorkbench>
    </div>
  );
}

// Load the workbench chunk soon after start, so opening a session does not wait for it.
if (typeof window !== "undefined") setTimeout(preloadWorkbench, 500);

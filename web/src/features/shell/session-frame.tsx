import type { ReactNode } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { SessionHeader } from "../sessions/session-header.tsx";
import { preloadWorkbench, SessionWorkbench } from "../workbench/index.ts";

/**
 * A session's screen (its overview or one of its conversations) under the compact header, inside the workbench (its
 * git tools only when the session is in a git repository). What decides the layout is stable (kind, the workspace
 * being a repo), so the conversation is never unmounted and remounted while someone types.
 */
export function SessionFrame({ sessionId, children }: { sessionId: string | null; children: ReactNode }) {
  const session = useConversationsStore((s) => (sessionId ? s.sessions[sessionId] : undefined));
  const isGitRepo = useConversationsStore((s) => (session ? (s.workspaces[session.workspaceId]?.isGitRepo ?? false) : false));
  const isSettled = useConversationsStore((s) => s.isLoaded || s.loadError !== null);
  if (!isSettled) return <p className="p-4 text-sm text-stone-500">Loading…</p>;
  if (!session) return <>{children}</>;
  const hasGit = session.kind !== "folder" || isGitRepo;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <SessionHeader session={session} hasSidePanel={hasGit} />
      <SessionWorkbench sessionId={session.id as SessionId} hasGit={hasGit}>
        {children}
      </SessionWorkbench>
    </div>
  );
}

// Load the workbench chunk soon after start, so opening a session does not wait for it.
if (typeof window !== "undefined") setTimeout(preloadWorkbench, 500);

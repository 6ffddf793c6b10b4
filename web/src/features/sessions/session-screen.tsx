import { lazy, Suspense } from "react";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { SessionPullRequest } from "../github/session-pull-request.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { TerminalsPanel } from "../terminals/terminals-panel.tsx";
import { SessionActions } from "./session-actions.tsx";
import { SessionConversations } from "./session-conversations.tsx";
import { SessionMetaForm } from "./session-meta-form.tsx";
import { SetupPanel } from "./setup-panel.tsx";

// Until the workbench's side panel hosts it, the session page shows the Git panel (its own lazy chunk).
const GitPanel = lazy(() => import("../git/git-panel.tsx").then((m) => ({ default: m.GitPanel })));

/** One session: creation progress, live git state, metadata, its conversations, and archive/delete. */
export function SessionScreen({ id }: { id: string }) {
  const session = useConversationsStore((s) => s.sessions[id]);
  const workspace = useConversationsStore((s) => (session ? s.workspaces[session.workspaceId] : undefined));
  if (!session) {
    return (
      <>
        <TopBar title="Session" />
        <p className="p-4 text-sm text-stone-500">This session does not exist (any more).</p>
      </>
    );
  }
  return (
    <>
      <TopBar title={session.title ?? session.name} subtitle={`${workspace?.name ?? ""} · ${session.cwd}`} />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          <Notes session={session} />
          <SessionConversations session={session} />
          <div className="flex h-[60vh] min-h-80 flex-col">
            <TerminalsPanel sessionId={session.id as SessionId} />
          </div>
          {session.setup ? <SetupPanel setup={session.setup} /> : null}
          {session.git || session.kind !== "folder" ? (
            <div className="rounded-xl border border-stone-200 dark:border-stone-800">
              <Suspense fallback={<p className="p-4 text-sm text-stone-500">Loading Git…</p>}>
                <GitPanel sessionId={session.id as SessionId} />
              </Suspense>
            </div>
          ) : null}
          <SessionPullRequest session={session} />
          <SessionMetaForm key={session.id} session={session} />
          <SessionActions session={session} />
        </div>
      </main>
    </>
  );
}

function Notes({ session }: { session: Session }) {
  return (
    <>
      {session.problem ? <ErrorText message={session.problem} className="rounded-lg bg-red-50 p-3 dark:bg-red-950" /> : null}
      {session.warnings.map((w) => (
        <p key={w} role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {w}
        </p>
      ))}
      {session.archivedAt !== null ? (
        <p className="rounded-lg bg-stone-100 p-3 text-sm dark:bg-stone-900">
          Archived. {session.summary ?? "A summary is being written…"}
        </p>
      ) : null}
    </>
  );
}

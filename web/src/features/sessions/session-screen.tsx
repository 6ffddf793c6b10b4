import { useState } from "react";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { DESKTOP_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { SessionPullRequest } from "../github/session-pull-request.tsx";
import { SessionLinearIssue } from "../linear/session-linear-issue.tsx";
import { MissingScreen } from "../shell/missing-screen.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { SessionConversations } from "./session-conversations.tsx";
import { SessionLine, SessionMenuButton } from "./session-header.tsx";
import { SetupPanel } from "./setup-panel.tsx";
import { dotJoin } from "../../lib/dot-join.ts";
import { sessionTitle } from "../../lib/shown-title.ts";

/**
 * One session's overview: notes, its conversations and creation progress (git, metadata and actions are in the
 * header's details). On phones its top bar is the session's only header row (as a conversation's is): it carries the
 * workspace, the change counts and the session menu (the path is in the menu's sheet), so no second row sits above it.
 */
export function SessionScreen({ id }: { id: string }) {
  const session = useConversationsStore((s) => s.sessions[id]);
  const workspace = useConversationsStore((s) => (session ? s.workspaces[session.workspaceId] : undefined));
  const isSettled = useConversationsStore((s) => s.isLoaded || s.loadError !== null);
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
  if (!session) return <MissingScreen title="Session" what="session" isSettled={isSettled} />;
  return (
    <>
      {isDesktop ? (
        <TopBar title={sessionTitle(session)} subtitle={dotJoin([workspace?.name, session.cwd])} />
      ) : (
        <TopBar title={sessionTitle(session)} subtitle={<SessionLine session={session} label={workspace?.name ?? ""} />}>
          <SessionMenuButton session={session} hasOverviewLink={false} />
        </TopBar>
      )}
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          <Notes session={session} />
          <SessionConversations session={session} />
          {session.setup ? <SetupPanel session={session} setup={session.setup} /> : null}
          <SessionLinearIssue session={session} />
          <SessionPullRequest session={session} />
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
      {session.archivedAt !== null ? <ArchiveSummary session={session} /> : null}
    </>
  );
}

/** An archived session's summary, which the user can have written again (it failed, or says too little). */
function ArchiveSummary({ session }: { session: Session }) {
  const [error, setError] = useState<string | null>(null);
  const [isAsking, setIsAsking] = useState(false);
  const writeAgain = () => {
    setIsAsking(true);
    workspacesApi
      .summarizeAgain(session.id as SessionId)
      .then(
        () => setError(null),
        (e: unknown) => setError(errorMessage(e)),
      )
      .finally(() => setIsAsking(false));
  };
  return (
    <section aria-label="Archive summary" className="flex flex-col gap-2 rounded-lg bg-stone-100 p-3 text-sm dark:bg-stone-900">
      <p>Archived. {session.summary ?? "A summary is being written…"}</p>
      {session.summary !== null ? (
        <Button variant="ghost" className="self-start" disabled={isAsking} onClick={writeAgain}>
          Write the summary again
        </Button>
      ) : null}
      <ErrorText message={error} />
    </section>
  );
}

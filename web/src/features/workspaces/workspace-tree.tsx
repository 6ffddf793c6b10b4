import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { ShowMoreItem, useCappedList } from "../../components/capped-list.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { selectArchivedWorkspaces, selectLiveSessions, selectWorkspaces, useConversationsStore } from "../../stores/conversations-store.ts";
import { routeHash, useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { foldJobRuns, type SessionTreeItem } from "./job-run-groups.ts";
import { JobRunsItem, SessionRow } from "./session-row.tsx";

/** Workspaces with their live sessions (a job's runs folded into its latest, ADR 0064), for the sidebar; live through entity frames. */
export function WorkspaceTree() {
  const workspaces = useConversationsStore(useShallow(selectWorkspaces));
  const sessions = useConversationsStore(useShallow(selectLiveSessions));
  const archived = useConversationsStore(useShallow(selectArchivedWorkspaces));
  const hash = useNavStore((s) => s.hash);
  // The session on screen: its own screen, or the session of the conversation on screen.
  const selectedId = useUiStore((s) => s.selectedId);
  const currentSessionId = useConversationsStore((s) => (hash.startsWith("#/s/") ? hash.slice(4) : s.conversations[selectedId ?? ""]?.sessionId ?? null));
  if (workspaces.length === 0 && archived.length === 0) return null;
  return (
    <section aria-label="Workspaces" className="px-2">
      <h2 className="px-2 pt-2 text-xs font-semibold uppercase tracking-wide text-stone-500">Workspaces</h2>
      <ul className="flex flex-col gap-0.5 py-1">
        {workspaces.map((w) => (
          <li key={w.id}>
            <WorkspaceLink id={w.id} className="font-medium">
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              {w.problem ? <span className="text-xs text-red-600">!</span> : null}
            </WorkspaceLink>
            <WorkspaceSessions workspaceName={w.name} items={foldJobRuns(sessions.filter((s) => s.workspaceId === w.id))} currentId={currentSessionId} />
          </li>
        ))}
      </ul>
      {archived.length > 0 ? (
        <details className="px-2 pb-2">
          <summary className="flex min-h-11 cursor-pointer items-center text-xs font-semibold uppercase tracking-wide text-stone-500">
            Removed workspaces ({archived.length})
          </summary>
          <ul className="flex flex-col gap-0.5">
            {archived.map((w) => (
              <li key={w.id}>
                <WorkspaceLink id={w.id} className="text-stone-500">
                  <span className="min-w-0 flex-1 truncate">{w.name}</span>
                </WorkspaceLink>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** A workspace's row, a link to its screen (`className` sets it apart: a removed one is faint). */
function WorkspaceLink({ id, className, children }: { id: string; className: string; children: ReactNode }) {
  const hash = useNavStore((s) => s.hash);
  const route = { view: "workspace", id } as const;
  return (
    <ScreenLink
      route={route}
      aria-current={hash === routeHash(route) ? "page" : undefined}
      className={`flex min-h-11 w-full items-center gap-2 rounded-lg px-3 text-left text-sm hover:bg-stone-200/60 aria-[current=page]:bg-stone-200 dark:hover:bg-stone-800/60 dark:aria-[current=page]:bg-stone-800 ${className}`}
    >
      {children}
    </ScreenLink>
  );
}

/** A workspace's sessions, the most recent (pinned first) capped as every sidebar list is, the one on screen always shown. */
function WorkspaceSessions({ workspaceName, items, currentId }: { workspaceName: string; items: SessionTreeItem[]; currentId: string | null }) {
  const list = useCappedList(items, (item) => item.kind === "session" && item.session.id === currentId);
  return (
    <ul aria-label={`Sessions of ${workspaceName}`} className="ml-3 border-l border-stone-300 pl-1 dark:border-stone-700">
      {list.shown.map((item) =>
        item.kind === "session" ? (
          <li key={item.session.id}>
            {/* A job's only (or pinned) run is timed as its folded runs are: its title's time is on the job's clock. */}
            <SessionRow session={item.session} isTimed={item.session.jobId !== null} />
          </li>
        ) : (
          <JobRunsItem key={item.jobId} latest={item.latest} earlier={item.earlier} />
        ),
      )}
      <ShowMoreItem list={list} noun="session" />
    </ul>
  );
}

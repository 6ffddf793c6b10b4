import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Session, SessionPriority, TaskStatus } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { buttonLook } from "../../components/button.tsx";
import { SelectField } from "./select-field.tsx";
import { FilterFields } from "./filter-fields.tsx";
import { BranchLabel, GitSummary, PRIORITY_LABELS, PRIORITY_ORDER, SessionDot, TASK_STATUS_LABELS } from "./session-labels.tsx";
import { DOT } from "../../lib/dot-join.ts";
import { sessionTitle } from "../../lib/shown-title.ts";

type Sort = "updated" | "priority" | "status" | "name";
const SORTS: Record<Sort, string> = { updated: "Last updated", priority: "Priority", status: "Status", name: "Name" };
const STATUS_ORDER: TaskStatus[] = ["in_progress", "in_review", "backlog", "done", "cancelled"];
export type Filters = { status: TaskStatus | "all"; priority: SessionPriority | "all"; workspaceId: string; isArchived: boolean; sort: Sort };

const COMPARE: Record<Sort, (a: Session, b: Session) => number> = {
  updated: (a, b) => b.updatedAt - a.updatedAt,
  priority: (a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || b.updatedAt - a.updatedAt,
  status: (a, b) => STATUS_ORDER.indexOf(a.taskStatus) - STATUS_ORDER.indexOf(b.taskStatus) || b.updatedAt - a.updatedAt,
  name: (a, b) => (a.title ?? a.name).localeCompare(b.title ?? b.name),
};

/** Sessions as a table with filters (status, priority, workspace, archived) and sorting; live through entity frames. */
export function SessionTable({ workspaceId, limit }: { workspaceId?: string; limit?: number }) {
  const [filters, setFilters] = useState<Filters>({ status: "all", priority: "all", workspaceId: workspaceId ?? "all", isArchived: false, sort: "updated" });
  const workspaces = useConversationsStore((s) => s.workspaces);
  const isLoaded = useConversationsStore((s) => s.isLoaded);
  const loadError = useConversationsStore((s) => s.loadError);
  const sessions = useConversationsStore(
    useShallow((s) =>
      Object.values(s.sessions)
        .filter((x) => (filters.isArchived ? x.archivedAt !== null : x.archivedAt === null))
        .filter((x) => (filters.workspaceId === "all" ? !s.workspaces[x.workspaceId]?.archivedAt : x.workspaceId === filters.workspaceId))
        .filter((x) => filters.status === "all" || x.taskStatus === filters.status)
        .filter((x) => filters.priority === "all" || x.priority === filters.priority)
        .sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || COMPARE[filters.sort](a, b))
        .filter(limit === undefined ? () => true : oneRunPerJob())
        .slice(0, limit ?? 500),
    ),
  );
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const workspaceOptions = { all: "All workspaces", ...Object.fromEntries(Object.values(workspaces).filter((w) => !w.archivedAt).map((w) => [w.id, w.name])) };
  return (
    <div className="flex flex-col gap-2">
      {limit === undefined ? (
        <FilterFields filters={filters} isWorkspaceFixed={workspaceId !== undefined}>
          <SelectField label="Status" value={filters.status} options={{ all: "Any status", ...TASK_STATUS_LABELS }} onChange={(status) => set({ status })} />
          <SelectField label="Priority" value={filters.priority} options={{ all: "Any priority", ...PRIORITY_LABELS }} onChange={(priority) => set({ priority })} />
          {workspaceId ? null : <SelectField label="Workspace" value={filters.workspaceId} options={workspaceOptions} onChange={(id) => set({ workspaceId: id })} />}
          <SelectField label="Sort by" value={filters.sort} options={SORTS} onChange={(sort) => set({ sort })} />
          <SelectField label="Show" value={filters.isArchived ? "archived" : "live"} options={{ live: "Live", archived: "Archived" }} onChange={(v) => set({ isArchived: v === "archived" })} />
        </FilterFields>
      ) : null}
      {/* Until the list is read (loadError: it never was), rows would be only the sessions the socket brought meanwhile (a
          one-row list, then the whole one), and "No sessions yet" a claim about sessions this device has not seen. */}
      {loadError ? (
        <ErrorText message={`Could not load sessions: ${loadError}`} className="py-2" />
      ) : !isLoaded ? (
        <p role="status" className="py-2 text-sm text-stone-500">Loading sessions…</p>
      ) : sessions.length > 0 ? (
        <Rows sessions={sessions} />
      ) : limit === undefined ? (
        <p className="py-2 text-sm text-stone-500">No sessions.</p>
      ) : (
        <NoSessionsYet />
      )}
    </div>
  );
}

/**
 * An empty list with a way forward: Home's short list names the repositories a session can start in (a session is
 * made on its repository's screen), or says where to add the first one.
 */
function NoSessionsYet() {
  const workspaces = useConversationsStore(useShallow((s) => Object.values(s.workspaces).filter((w) => !w.archivedAt)));
  const lead = useConversationsStore(noSessionsLead);
  if (workspaces.length === 0) return <p className="py-2 text-sm text-stone-500">{lead} Add a repository below to start one.</p>;
  return (
    <div className="flex flex-col gap-2 py-2">
      <p className="text-sm text-stone-500">{lead} Start one in:</p>
      <ul aria-label="Start a session in" className="flex flex-wrap gap-2">
        {workspaces.map((w) => (
          <li key={w.id}>
            <ScreenLink route={{ view: "workspace", id: w.id }} aria-label={`New session in ${w.name}`} className={buttonLook("secondary")}>
              {/* One inline run, as in the button it was: the look's flex gap would widen the space before the arrow. */}
              <span>
                {w.name} <span aria-hidden="true">→</span>
              </span>
            </ScreenLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Why Home lists no session: "yet" only when there never were any. Sessions of a removed repository (or archived ones)
 * are kept: Home said "No sessions yet" right after a repository was removed with its history kept.
 */
function noSessionsLead(s: ReturnType<typeof useConversationsStore.getState>): string {
  const all = Object.values(s.sessions);
  if (all.some((x) => s.workspaces[x.workspaceId]?.archivedAt)) return "No live sessions: those of a removed repository come back when you restore it (Removed workspaces, in the menu).";
  if (all.length > 0) return "No live sessions: archived ones are under All sessions.";
  return "No sessions yet.";
}

function Rows({ sessions }: { sessions: Session[] }) {
  const workspaces = useConversationsStore((s) => s.workspaces);
  return (
    <ul aria-label="Session list" className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
      {sessions.map((s) => (
        <li key={s.id}>
          <ScreenLink route={{ view: "session", id: s.id }} data-testid="session-row" className="grid min-h-11 w-full grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-0.5 px-3 py-2 text-left hover:bg-stone-50 md:grid-cols-[auto_2fr_1fr_1fr_auto] dark:hover:bg-stone-800">
            <SessionDot session={s} />
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium">{s.isPinned ? "📌 " : ""}{sessionTitle(s)}</span>
              <span className="block truncate text-xs text-stone-500">
                {workspaces[s.workspaceId]?.name}
                {DOT}
                <BranchLabel session={s} />
              </span>
            </span>
            <span className="hidden text-xs md:block">{TASK_STATUS_LABELS[s.taskStatus]}</span>
            <span className="hidden md:block"><GitSummary session={s} /></span>
            <PriorityChip priority={s.priority} />
          </ScreenLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * A session's priority, when the user gave it one: every row said "Medium" (the default no one had picked), a word
 * that meant nothing beside a session's name. Its cell stays, empty, so the desktop's columns keep their places.
 */
function PriorityChip({ priority }: { priority: SessionPriority }) {
  if (priority === "medium") return <span />;
  return (
    <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs dark:bg-stone-800">
      <span className="sr-only">Priority: </span>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

/**
 * A filter that keeps the first session of each job's runs it is shown (the most recent, in the table's order) and
 * leaves out the rest: on Home's short list a run a minute pushed every session of the user's own off it (ADR 0064).
 */
function oneRunPerJob(): (session: Session) => boolean {
  const seen = new Set<string>();
  return (session) => {
    if (!session.jobId || session.isPinned) return true;
    if (seen.has(session.jobId)) return false;
    seen.add(session.jobId);
    return true;
  };
}

import { useMemo } from "react";
import type { Conversation, Job, Run, Session } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { STATUS_LABELS, StatusDot } from "../../components/status-badge.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import type { Route } from "../../stores/nav-store.ts";
import { runAttention, type RunItem } from "./run-attention.ts";
import { DOT } from "../../lib/dot-join.ts";
import { LAST_KNOWN_DOT, lastKnownShort } from "../../lib/last-known.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { conversationTitle, runName, sessionTitle } from "../../lib/shown-title.ts";

type Item = { rank: number; label: string; conversation: Conversation | null; session: Session | null; run: Run | null; at: number };

/**
 * The inbox: what needs the user, most urgent first — conversations and job runs waiting for a permission, an answer
 * or a plan approval; then failed and timed-out runs, failed conversations (and sessions whose setup failed or lost
 * their folder); then running ones. A run's conversation is shown once, as the run.
 */
export function selectAttention(s: { conversations: Record<string, Conversation>; sessions: Record<string, Session>; runs?: Record<string, Run>; jobs?: Record<string, Job> }): Item[] {
  const runItems: RunItem[] = runAttention(s.runs ?? {}, s.jobs);
  const runConversations = new Set(runItems.map((item) => item.run.conversationId).filter(Boolean));
  const items: Item[] = runItems.map((item) => ({ ...item, conversation: item.run.conversationId ? (s.conversations[item.run.conversationId] ?? null) : null, session: item.run.sessionId ? (s.sessions[item.run.sessionId] ?? null) : null }));
  for (const c of Object.values(s.conversations)) {
    if (c.closedAt || runConversations.has(c.id)) continue;
    const session = s.sessions[c.sessionId] ?? null;
    if (c.status === "waiting") items.push({ rank: 0, label: c.statusReason ?? "Waiting for you", conversation: c, session, run: null, at: c.updatedAt });
    else if (c.status === "exited" && c.statusReason) items.push({ rank: 1, label: `Failed: ${c.statusReason}`, conversation: c, session, run: null, at: c.updatedAt });
    else if (c.status === "running" || c.status === "starting") items.push({ rank: 2, label: STATUS_LABELS[c.status], conversation: c, session, run: null, at: c.updatedAt });
  }
  for (const session of Object.values(s.sessions)) {
    if (session.archivedAt !== null) continue;
    const failure = session.problem ?? (session.setup?.status === "failed" ? session.setup.error : null);
    if (failure) items.push({ rank: 1, label: failure, conversation: null, session, run: null, at: session.updatedAt });
  }
  return items.sort((a, b) => a.rank - b.rank || b.at - a.at);
}

/** The inbox on the home screen; live through entity frames. */
export function AttentionQueue() {
  const conversations = useConversationsStore((s) => s.conversations);
  const sessions = useConversationsStore((s) => s.sessions);
  const runs = useJobsStore((s) => s.runs);
  const jobs = useJobsStore((s) => s.jobs);
  // Items are new objects on every call: derive them from the records, never inside a store selector.
  const items = useMemo(() => selectAttention({ conversations, sessions, runs, jobs }), [conversations, sessions, runs, jobs]);
  const isConversationsLoaded = useConversationsStore((s) => s.isLoaded);
  const isJobsLoaded = useJobsStore((s) => s.isLoaded);
  const conversationsError = useConversationsStore((s) => s.loadError);
  const jobsError = useJobsStore((s) => s.loadError);
  const isLastKnown = useIsConnectionLost();
  return (
    <section aria-label="Needs attention" className="rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
      <h2 className="border-b border-stone-200 px-4 py-2 text-sm font-semibold dark:border-stone-800">Needs attention</h2>
      {items.length === 0 ? <NothingWaiting isLoaded={isConversationsLoaded && isJobsLoaded} isLastKnown={isLastKnown} loadError={conversationsError ?? jobsError} /> : null}
      <ul>
        {items.map((item) => (
          <li key={item.run?.id ?? item.conversation?.id ?? item.session?.id}>
            <ScreenLink
              route={routeOf(item)}
              data-testid="attention-item"
              data-run-status={item.run?.status}
              className="flex min-h-11 w-full items-center gap-3 px-4 py-2 text-left hover:bg-stone-100 dark:hover:bg-stone-800"
            >
              {item.conversation && !item.run ? <StatusDot status={item.conversation.status} isLastKnown={isLastKnown} /> : <span className={`size-2 shrink-0 rounded-full ${item.rank === 0 ? "bg-amber-500" : item.rank === 1 ? "bg-red-500" : "bg-sky-500"} ${isLastKnown ? LAST_KNOWN_DOT : ""}`} />}
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium">{itemTitle(item)}</span>
                <span className={`block truncate text-xs ${item.rank === 0 ? "text-amber-700 dark:text-amber-400" : item.rank === 1 ? "text-red-700 dark:text-red-400" : "text-stone-500"}`}>
                  {item.session && !item.run ? `${sessionTitle(item.session)}${DOT}` : ""}
                  {itemLabel(item, isLastKnown)}
                </span>
              </span>
            </ScreenLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What an item is called: a run by its job and its own start, on the viewer's clock; a conversation or session by its
 * title with a run's time on the viewer's clock too. The stored titles name it on the job's clock (ADR 0308), and a
 * failed run said only "Job: Check files", whichever of its runs it was.
 */
function itemTitle(item: Item): string {
  if (item.run) return `Job: ${runName(item.run)}`;
  if (item.conversation) return conversationTitle(item.conversation);
  return item.session ? sessionTitle(item.session) : "";
}

/** The screen an item is seen to on: its conversation, else its run's goal (or Jobs), else its session. */
function routeOf(item: Item): Route {
  if (item.conversation) return { view: "conversation", id: item.conversation.id, messageId: null };
  if (item.run) return item.run.goalId ? { view: "goal", id: item.run.goalId } : { view: "jobs" };
  return item.session ? { view: "session", id: item.session.id } : { view: "home" };
}

/**
 * What waits or runs is only last known while the connection is lost (ADR 0174): a run or a turn may have ended, a
 * question been answered elsewhere. A failure stays as it was said: nothing ends it on its own.
 */
function itemLabel(item: Item, isLastKnown: boolean): string {
  return isLastKnown && item.rank !== 1 ? lastKnownShort(item.label) : item.label;
}

/** An empty inbox says so only once the lists are read: before, "Nothing is waiting" could hide a waiting prompt. */
function NothingWaiting({ isLoaded, isLastKnown, loadError }: { isLoaded: boolean; isLastKnown: boolean; loadError: string | null }) {
  if (loadError) return <ErrorText message={`Could not load what needs you: ${loadError}`} className="px-4 py-3" />;
  if (!isLoaded) return <p role="status" className="px-4 py-3 text-sm text-stone-500">Loading…</p>;
  // Something may have come to wait since the page last heard: it says no more than it knows.
  return <p className="px-4 py-3 text-sm text-stone-500">{isLastKnown ? "Nothing was waiting for you when the connection was lost." : "Nothing is waiting for you."}</p>;
}

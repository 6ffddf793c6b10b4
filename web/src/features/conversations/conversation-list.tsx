import { useShallow } from "zustand/react/shallow";
import type { Conversation } from "../../../../shared/index.ts";
import { ShowMoreItem, useCappedList } from "../../components/capped-list.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { RouteLink } from "../../components/route-link.tsx";
import { statusLabel, StatusDot } from "../../components/status-badge.tsx";
import { age } from "../../lib/age.ts";
import { dotJoin } from "../../lib/dot-join.ts";
import { useClock } from "../../lib/use-second-ticks.ts";
import { selectSortedConversations, useConversationsStore } from "../../stores/conversations-store.ts";
import { routeHash } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";
import { untimedTitle } from "../../lib/shown-title.ts";

/** Conversations, newest activity first, capped as every sidebar list is with the selected one always shown; live through `entity` frames. */
export function ConversationList() {
  const conversations = useConversationsStore(useShallow(selectSortedConversations));
  const isLoaded = useConversationsStore((s) => s.isLoaded);
  const loadError = useConversationsStore((s) => s.loadError);
  const hidden = useConversationsStore(useShallow(selectHiddenKinds));
  const selectedId = useUiStore((s) => s.selectedId);
  const list = useCappedList(conversations, (c) => c.id === selectedId);
  const now = useClock(60_000);
  if (loadError) return <ErrorText message={`Could not load conversations: ${loadError}`} className="p-3" />;
  if (isLoaded && conversations.length === 0) {
    return <p className="p-3 text-sm text-stone-500">{emptyListText(hidden)}</p>;
  }
  return (
    <ul aria-label="Conversations" className="flex flex-col gap-0.5 p-2">
      {list.shown.map((c) => (
        <li key={c.id}>
          <ConversationRow conversation={c} isSelected={c.id === selectedId} now={now} />
        </li>
      ))}
      <ShowMoreItem list={list} noun="conversation" />
    </ul>
  );
}

/**
 * A conversation's row, a link to it: its title, then what tells it from its neighbours — its state, its last
 * activity, and the session it belongs to by the session's title (the folder name was the same for every conversation
 * of a session, and a job run's folder a random word).
 */
/** Which kinds of conversations the list leaves out: job runs (under Jobs) and the rest (closed or archived). */
function selectHiddenKinds(s: ReturnType<typeof useConversationsStore.getState>): { hasJobRuns: boolean; hasOthers: boolean } {
  const all = Object.values(s.conversations);
  const isJobRun = (c: Conversation) => Boolean(c.jobId || s.sessions[c.sessionId]?.jobId);
  return { hasJobRuns: all.some(isJobRun), hasOthers: all.some((c) => !isJobRun(c)) };
}

/**
 * What an empty list says: "yet" only on a new install. Where the left-out ones are: a ChatML whose only
 * conversations were job runs was told "Archived sessions are under All sessions", and nothing was archived.
 */
function emptyListText({ hasJobRuns, hasOthers }: { hasJobRuns: boolean; hasOthers: boolean }): string {
  if (!hasJobRuns && !hasOthers) return "No conversations yet.";
  return ["No open conversations.", hasOthers ? "Closed and archived ones are in their sessions, under All sessions." : "", hasJobRuns ? "Job runs are under Jobs." : ""].filter(Boolean).join(" ");
}

function ConversationRow({ conversation, isSelected, now }: { conversation: Conversation; isSelected: boolean; now: number }) {
  const select = useUiStore((s) => s.select);
  const session = useConversationsStore((s) => s.sessions[conversation.sessionId]);
  const isLastKnown = useIsConnectionLost();
  // A job run's titles end in its start time on the job's clock (ADR 0308): the row says when it last moved on the
  // viewer's, and said the time twice more, on another clock.
  const untimed = (title: string) => untimedTitle(title, conversation.jobId);
  return (
    <RouteLink
      href={routeHash({ view: "conversation", id: conversation.id, messageId: null })}
      aria-current={isSelected ? "page" : undefined}
      onOpen={() => select(conversation.id)}
      className={`flex min-h-11 w-full items-center gap-2.5 rounded-lg px-3 py-2 text-left ${
        isSelected ? "bg-stone-200 dark:bg-stone-800" : "hover:bg-stone-200/60 dark:hover:bg-stone-800/60"
      }`}
    >
      <StatusDot status={conversation.status} isLastKnown={isLastKnown} />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium">{untimed(conversation.title || "Untitled")}</span>
        <span className="block truncate text-xs text-stone-500 dark:text-stone-400">
          {dotJoin([statusLabel(conversation, isLastKnown), age(conversation.updatedAt, now), session && untimed(session.title ?? session.name)])}
        </span>
      </span>
    </RouteLink>
  );
}

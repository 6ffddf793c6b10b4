import type { Conversation } from "../../../../shared/index.ts";

/** A row of a session's conversation list: a conversation, or a job's runs folded into their latest. */
export type ConversationItem = { kind: "conversation"; conversation: Conversation } | { kind: "job"; jobId: string; latest: Conversation; earlier: Conversation[] };

/**
 * Folds the open conversations a job's runs made in one session (a job with a fixed session adds one a run) into
 * one item per job at the place of its first in `conversations`' order: the latest run shown, the earlier ones
 * behind it, newest first. Closed ones and a job with a single run stay rows of their own.
 * @example foldRunConversations([run2, mine, run1]) // [{ kind: "job", latest: run2, earlier: [run1] }, { kind: "conversation", conversation: mine }]
 */
export function foldRunConversations(conversations: readonly Conversation[]): ConversationItem[] {
  const runsOf = new Map<string, Conversation[]>();
  const items: ConversationItem[] = [];
  for (const conversation of conversations) {
    const { jobId } = conversation;
    if (!jobId || conversation.closedAt) {
      items.push({ kind: "conversation", conversation });
      continue;
    }
    const runs = runsOf.get(jobId);
    if (runs) runs.push(conversation);
    else {
      runsOf.set(jobId, [conversation]);
      items.push({ kind: "job", jobId, latest: conversation, earlier: [] });
    }
  }
  return items.map((item) => {
    if (item.kind === "conversation") return item;
    const [latest, ...earlier] = [...(runsOf.get(item.jobId) ?? [])].sort((a, b) => b.createdAt - a.createdAt);
    return earlier.length === 0 ? { kind: "conversation", conversation: latest! } : { ...item, latest: latest!, earlier };
  });
}

/** When a run's conversation was made: the time today, else the day and time. */
export function formatRunTime(ms: number): string {
  const isToday = new Date(ms).toDateString() === new Date().toDateString();
  return new Date(ms).toLocaleString(undefined, isToday ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
}

import type { Conversation } from "../../../../shared/index.ts";
import { foldRuns } from "../../lib/fold-runs.ts";

/** A row of a session's conversation list: a conversation, or a job's runs folded into their latest. */
export type ConversationItem = { kind: "conversation"; conversation: Conversation } | { kind: "job"; jobId: string; latest: Conversation; earlier: Conversation[] };

/**
 * Folds the open conversations a job's runs made in one session (a job with a fixed session adds one a run) into
 * one item per job at the place of its first in `conversations`' order: the latest run shown, the earlier ones
 * behind it, newest first. Closed ones and a job with a single run stay rows of their own.
 * @example foldRunConversations([run2, mine, run1]) // [{ kind: "job", latest: run2, earlier: [run1] }, { kind: "conversation", conversation: mine }]
 */
export function foldRunConversations(conversations: readonly Conversation[]): ConversationItem[] {
  return foldRuns(conversations, (conversation) => Boolean(conversation.closedAt)).map((item) => ("single" in item ? { kind: "conversation", conversation: item.single } : { kind: "job", ...item }));
}

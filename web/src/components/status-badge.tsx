import type { ConversationStatus } from "../../../shared/index.ts";

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  idle: "Idle",
  starting: "Starting…",
  ready: "Ready",
  running: "Running",
  waiting: "Waiting for you",
  exited: "Exited",
};

/** A conversation's status in a list: an idle one with a reason is one whose CLI sleeps (the server says why). */
export function statusLabel(conversation: { status: ConversationStatus; statusReason: string | null }): string {
  return conversation.status === "idle" && conversation.statusReason ? "Sleeping" : STATUS_LABELS[conversation.status];
}

const DOT: Record<ConversationStatus, string> = {
  idle: "bg-stone-400",
  starting: "bg-sky-500 animate-pulse",
  ready: "bg-emerald-500",
  running: "bg-accent animate-pulse",
  waiting: "bg-amber-500",
  exited: "bg-red-500",
};

/** A coloured dot for a conversation status; the text label sits beside it where space allows. */
export function StatusDot({ status }: { status: ConversationStatus }) {
  return <span aria-hidden="true" className={`inline-block size-2 shrink-0 rounded-full ${DOT[status]}`} />;
}

import { LAST_KNOWN_DOT, lastKnownShort } from "../lib/last-known.ts";
import type { ConversationStatus } from "../../../shared/index.ts";

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  idle: "Idle",
  starting: "Starting…",
  ready: "Ready",
  running: "Running",
  waiting: "Waiting for you",
  exited: "Exited",
};

/**
 * A conversation's status in a list: an idle one with a reason is one whose CLI sleeps (the server says why). While the
 * connection is lost (`isLastKnown`) it is only what was last heard, and says so.
 */
export function statusLabel(conversation: { status: ConversationStatus; statusReason: string | null }, isLastKnown = false): string {
  const label = conversation.status === "idle" && conversation.statusReason ? "Sleeping" : STATUS_LABELS[conversation.status];
  return isLastKnown ? lastKnownShort(label) : label;
}

const DOT: Record<ConversationStatus, string> = {
  idle: "bg-stone-400",
  starting: "bg-sky-500",
  ready: "bg-emerald-500",
  running: "bg-accent",
  waiting: "bg-amber-500",
  exited: "bg-red-500",
};

/**
 * A coloured dot for a conversation status; the text label sits beside it where space allows. A starting or running
 * one pulses, unless it is only the last known status (`isLastKnown`: the connection is lost), which shows faint and still.
 */
export function StatusDot({ status, isLastKnown = false }: { status: ConversationStatus; isLastKnown?: boolean }) {
  const motion = isLastKnown ? LAST_KNOWN_DOT : status === "starting" || status === "running" ? "animate-pulse" : "";
  return <span aria-hidden="true" className={`inline-block size-2 shrink-0 rounded-full ${DOT[status]} ${motion}`} />;
}

import type { ConversationView, TimelineItem, ViewMessage } from "../../protocol/conversation-view.ts";

/** What a message row needs besides its message: sub-agent children, task states and tool timers. */
export interface RowContext {
  children: ReadonlyMap<string, ViewMessage[]>;
  tasks: ConversationView["tasks"];
  toolElapsed: ConversationView["toolElapsed"];
  approvedAt: ConversationView["approvedAt"];
  /** Tool use ids whose permission request is still open: those tools wait for the user, they do not run. */
  awaitingApproval: ReadonlySet<string>;
  /** The newest top-level user message with text: the one Retry sends again. */
  lastUserMessageId?: string | null;
  /** Claude is working (or waiting for the user): Retry waits for the turn to end. */
  isBusy?: boolean;
  /** Where sent prompts are in Claude Code's own queue (2.1.330+), by message id. */
  promptStates?: ConversationView["promptStates"];
  /** The session's folder: tool lines show paths inside it relative to it. */
  cwd?: string;
}

/** Whether a message shows as its own row: top-level, and (for user messages) with text or an image. */
function isVisible(message: ViewMessage | undefined): boolean {
  if (!message || message.parentToolUseId !== null) return false;
  if (message.role === "assistant") return true;
  return message.parts.some((p) => p.kind === "text" || p.kind === "image");
}

/** The timeline rows: top-level messages and markers; sub-agent messages live under their Task/Agent call. */
export function visibleItems(view: ConversationView): TimelineItem[] {
  return view.items.filter((item) => item.kind !== "message" || isVisible(view.messages[item.id]));
}

/** Sub-agent messages grouped by the tool call that runs them, in order. */
export function childrenByParent(view: ConversationView): Map<string, ViewMessage[]> {
  const map = new Map<string, ViewMessage[]>();
  for (const item of view.items) {
    if (item.kind !== "message") continue;
    const message = view.messages[item.id];
    if (!message?.parentToolUseId) continue;
    const list = map.get(message.parentToolUseId) ?? [];
    list.push(message);
    map.set(message.parentToolUseId, list);
  }
  return map;
}

/** A stable key per row. */
export function itemKey(item: TimelineItem): string {
  return item.kind === "message" ? item.id : `${item.kind}-${item.seq}`;
}

/** The newest top-level user message with text (what Retry sends again), or null. */
export function lastUserMessageId(view: ConversationView): string | null {
  for (let i = view.items.length - 1; i >= 0; i--) {
    const item = view.items[i];
    if (item?.kind !== "message") continue;
    const message = view.messages[item.id];
    if (message?.role === "user" && message.parentToolUseId === null && message.parts.some((p) => p.kind === "text" && p.text.trim())) return message.id;
  }
  return null;
}

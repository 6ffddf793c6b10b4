import type { ConversationView, TimelineItem, TurnResult, ViewMessage } from "../../protocol/conversation-view.ts";

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
  /** User messages whose turn ended in an error (promptsEndedByError): Claude Code calls them cancelled, not the user. */
  failedPrompts?: ReadonlySet<string>;
  /** Process exits (by seq) that a later message resumed from (exitsResumedSince): "Send a message to resume" is past. */
  resumedExits?: ReadonlySet<number>;
  /** Turn rows (by seq) whose error Claude Code already wrote as the message just above (turnsRepeatingTheirError). */
  repeatedErrors?: ReadonlySet<number>;
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

/** Whether a turn ended in an error: a turn the user stopped is reported as one (`aborted_*`) but is not. */
export function isFailedTurn(turn: TurnResult): boolean {
  return turn.isError && turn.terminalReason?.startsWith("aborted") !== true;
}

/**
 * The top-level user messages whose turn ended in an error (an API error, a rate limit given up on): Claude Code marks
 * such a prompt `cancelled` as it does an interrupted one, and the error row under it already says what happened.
 */
export function promptsEndedByError(view: ConversationView): Set<string> {
  const failed = new Set<string>();
  let prompt: string | null = null;
  for (const item of view.items) {
    if (item.kind === "message") {
      const message = view.messages[item.id];
      if (message?.role === "user" && isVisible(message)) prompt = message.id;
    } else if (item.kind === "turn") {
      if (prompt !== null && isFailedTurn(item.turn)) failed.add(prompt);
      prompt = null;
    }
  }
  return failed;
}

/** What a failed turn says went wrong: its errors and its result text, a line each; "" for a turn that did not fail. */
export function turnErrorText(turn: TurnResult): string {
  return isFailedTurn(turn) ? [...turn.errors, turn.resultText].filter(Boolean).join("\n") : "";
}

/**
 * The failed turns (by seq) whose error text is the text of the row just above: Claude Code writes an API error as a
 * message of its own (no model) and then ends the turn with the same text, which read as the error said twice.
 */
export function turnsRepeatingTheirError(view: ConversationView): Set<number> {
  const repeated = new Set<number>();
  let previous: TimelineItem | undefined;
  for (const item of visibleItems(view)) {
    if (item.kind === "turn" && previous?.kind === "message") {
      const message = view.messages[previous.id];
      const text = message?.role === "assistant" && message.model === null ? message.parts.map((p) => (p.kind === "text" ? p.text : "")).join("").trim() : "";
      if (text !== "" && text === turnErrorText(item.turn).trim()) repeated.add(item.seq);
    }
    previous = item;
  }
  return repeated;
}

/**
 * The process exits (by seq) with a user message after them: the conversation went on, so their "Send a message to
 * resume" is no longer news (a conversation that slept every night said it under every night's exit).
 */
export function exitsResumedSince(view: ConversationView): Set<number> {
  const resumed = new Set<number>();
  let waiting: number[] = [];
  for (const item of visibleItems(view)) {
    if (item.kind === "exit") waiting.push(item.seq);
    else if (item.kind === "message" && view.messages[item.id]?.role === "user") {
      for (const seq of waiting) resumed.add(seq);
      waiting = [];
    }
  }
  return resumed;
}

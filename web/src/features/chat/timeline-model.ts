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
  /** User messages whose turn ended in an error (TimelineFacts): Claude Code calls them cancelled, not the user. */
  failedPrompts?: ReadonlySet<string>;
  /** Process exits (by seq) that a later message resumed from (TimelineFacts): "Send a message to resume" is past. */
  resumedExits?: ReadonlySet<number>;
  /** Turn rows (by seq) whose error Claude Code already wrote as the message just above (TimelineFacts). */
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

/** What rows say about their neighbours, found in one pass over the rows (timelineFacts). */
export interface TimelineFacts {
  /**
   * The top-level user messages whose turn ended in an error (an API error, a rate limit given up on): Claude Code marks
   * such a prompt `cancelled` as it does an interrupted one, and the error row under it already says what happened.
   */
  failedPrompts: Set<string>;
  /**
   * The failed turns (by seq) whose error text is the text of the row just above: Claude Code writes an API error as a
   * message of its own (no model) and then ends the turn with the same text, which read as the error said twice.
   */
  repeatedErrors: Set<number>;
  /**
   * The process exits (by seq) with a user message after them: the conversation went on, so their "Send a message to
   * resume" is no longer news (a conversation that slept every night said it under every night's exit).
   */
  resumedExits: Set<number>;
}

/** The TimelineFacts of the visible rows (`rows`, visibleItems), in one pass: it runs on every streamed frame. */
export function timelineFacts(view: ConversationView, rows: TimelineItem[] = visibleItems(view)): TimelineFacts {
  const facts: TimelineFacts = { failedPrompts: new Set(), repeatedErrors: new Set(), resumedExits: new Set() };
  let prompt: string | null = null;
  let exitsBefore: number[] = [];
  let previous: ViewMessage | undefined;
  for (const item of rows) {
    const message = item.kind === "message" ? view.messages[item.id] : undefined;
    if (message?.role === "user") {
      prompt = message.id;
      for (const seq of exitsBefore) facts.resumedExits.add(seq);
      exitsBefore = [];
    } else if (item.kind === "exit") exitsBefore.push(item.seq);
    else if (item.kind === "turn") {
      if (prompt !== null && isFailedTurn(item.turn)) facts.failedPrompts.add(prompt);
      if (previous && isErrorRepeated(previous, item.turn)) facts.repeatedErrors.add(item.seq);
      prompt = null;
    }
    previous = message;
  }
  return facts;
}

/** What a failed turn says went wrong: its errors and its result text, a line each; "" for a turn that did not fail. */
export function turnErrorText(turn: TurnResult): string {
  return isFailedTurn(turn) ? [...turn.errors, turn.resultText].filter(Boolean).join("\n") : "";
}

/** Whether `message` is Claude Code's own text (no model) saying exactly the error `turn` ended with. */
function isErrorRepeated(message: ViewMessage, turn: TurnResult): boolean {
  if (message.role !== "assistant" || message.model !== null) return false;
  const text = message.parts.map((p) => (p.kind === "text" ? p.text : "")).join("").trim();
  return text !== "" && text === turnErrorText(turn).trim();
}

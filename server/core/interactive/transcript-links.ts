import { join } from "node:path";
import type { ConversationId, PermissionId, SessionId, TerminalId } from "../../../shared/ids.ts";
import type { Conversation, ConversationStatus, EffortLevel } from "../../../shared/protocol/model.ts";
import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { findTranscript, projectDirOf } from "../../claude/transcript/transcript-entries.ts";
import type { PromptsPast } from "./approval-broker.ts";
import { TranscriptMirror, type EventSink, type ToolCall } from "./transcript-mirror.ts";
import { readStartupQuestion } from "./tui-screen.ts";

/** What the interactive room needs from conversations (wired in main.ts). */
export type InteractiveConversations = {
  /** The session's conversation with this id (`not_found` when it is not the session's). */
  find(sessionId: SessionId, conversationId: ConversationId): Conversation;
  /** A new chat conversation of the session, told to every device, at the effort level asked for (null: the CLI's default). */
  create(sessionId: SessionId, title: string, effort: EffortLevel | null): Conversation;
  /** The titles of the session's conversations (a new one's is numbered past them). */
  titlesIn(sessionId: SessionId): string[];
  /** Ends the conversation's stream-json process if one runs: the TUI takes its Claude session over. */
  stopStructured(conversationId: ConversationId): Promise<void>;
  /** Commits and publishes events of the conversation, in order (an EventCommitter). */
  sinkOf(conversationId: ConversationId): EventSink;
  /** The folder the conversation's CLI runs in (its transcripts are kept by folder). */
  cwdOf(conversationId: ConversationId): string;
  /** The conversation's row changed (its status): tell every device. */
  changed(conversationId: ConversationId): void;
};

type Link = {
  terminalId: TerminalId;
  sessionId: SessionId;
  conversationId: ConversationId;
  cliSessionId: string;
  sink: EventSink;
  mirror: TranscriptMirror | null;
  /** Where the TUI's turn is, from the transcript; prompts waiting in this terminal, with what each waits for. */
  turn: "ready" | "running";
  pending: Map<PermissionId, string>;
  /** A startup question only the user answers, shown in the terminal now (what it asks), or null. */
  question: string | null;
  /** The status and reason last said. */
  said: string | null;
  /** True until the conversation has taken this Claude session over (its transcript was seen). */
  isSessionUnrecorded: boolean;
};

type Deps = {
  claudeDir: string;
  conversations: InteractiveConversations;
  now: () => number;
  /**
   * The terminal's TUI is past its prompts about `call` (the call got its result: it ran, or was denied or
   * interrupted), or about every call asked by the time its turn ended (`{ turnEndedAt }`; null when the transcript
   * line has no time), whoever answered them, perhaps the TUI itself.
   */
  promptsAnswered(terminalId: TerminalId, past: PromptsPast): void;
};

/**
 * Which interactive `claude` terminal mirrors into which conversation: a {@link TranscriptMirror} follows the
 * session transcript while the terminal runs, stops when it ends (closing tool calls that got no result) and
 * starts again, from the end of the file, when the terminal is restarted.
 */
export class TranscriptLinks {
  private readonly links = new Map<TerminalId, Link>();

  constructor(private readonly deps: Deps) {}

  isRunning(conversationId: ConversationId): boolean {
    return this.runningTerminal(conversationId) !== null;
  }

  /** The claude terminal that runs the conversation's Claude session now, or null. */
  runningTerminal(conversationId: ConversationId): TerminalId | null {
    return [...this.links.values()].find((link) => link.conversationId === conversationId && link.mirror !== null)?.terminalId ?? null;
  }

  /** True while one of the conversation's TUI prompts (permission, question, plan) waits for an answer. */
  isWaiting(conversationId: ConversationId): boolean {
    return [...this.links.values()].some((link) => link.conversationId === conversationId && link.mirror !== null && link.pending.size > 0);
  }

  /**
   * Starts mirroring a new terminal; a resumed Claude session's earlier turns are not mirrored again. `screen` is the
   * terminal's screen now: a startup question drawn before the link counts (a screen that no longer changes is not
   * read again).
   */
  link(terminal: TerminalInfo, conversation: Conversation, cliSessionId: string, isResumed: boolean, screen: readonly string[]): void {
    const sink = this.deps.conversations.sinkOf(conversation.id);
    const question = readStartupQuestion(screen)?.reason ?? null;
    const link: Link = { terminalId: terminal.id, sessionId: terminal.sessionId, conversationId: conversation.id, cliSessionId, sink, mirror: null, turn: "ready", pending: new Map(), question, said: null, isSessionUnrecorded: conversation.cliSessionId !== cliSessionId };
    this.links.set(terminal.id, link);
    sink.add([{ type: "notice", level: "info", text: `Continues in the interactive Claude terminal “${terminal.name}”: type there or in the message box; this timeline follows it.` }]);
    sink.flush();
    link.mirror = this.startMirror(link, isResumed);
    this.updateStatus(link);
  }

  /** The conversation a claude terminal mirrors into, and its sink (for its permission prompts). */
  linkOf(terminalId: TerminalId): { conversationId: ConversationId; sink: EventSink } | null {
    return this.links.get(terminalId) ?? null;
  }

  /** A prompt of the terminal started waiting (saying what for) or ended (null). */
  setPending(terminalId: TerminalId, requestId: PermissionId, reason: string | null): void {
    const link = this.links.get(terminalId);
    if (!link) return;
    if (reason === null) link.pending.delete(requestId);
    else link.pending.set(requestId, reason);
    this.updateStatus(link);
  }

  /** The terminal's screen asks the user a startup question (saying what it asks) or no longer does (null). */
  setQuestion(terminalId: TerminalId, reason: string | null): void {
    const link = this.links.get(terminalId);
    if (!link || link.question === reason) return;
    link.question = reason;
    this.updateStatus(link);
  }

  /** A session's terminals changed: stop, restart or forget the mirrors of its claude terminals. */
  follow(sessionId: SessionId, list: TerminalInfo[]): void {
    for (const link of this.links.values()) {
      if (link.sessionId !== sessionId) continue;
      const terminal = list.find((t) => t.id === link.terminalId);
      if (!terminal || terminal.status === "exited") {
        link.mirror?.stop(terminal ? endedText(terminal) : "The interactive Claude terminal was closed.");
        link.mirror = null;
        link.pending.clear();
        link.question = null;
      } else if (!link.mirror) {
        link.turn = "ready";
        // A first run that ended before writing its transcript (closed at once, or it could not sign in) has not
        // given the conversation its Claude session yet: the restarted run does, once its transcript exists.
        link.mirror = this.startMirror(link, true);
      }
      this.updateStatus(link);
      if (!terminal) this.links.delete(link.terminalId);
    }
  }

  stopAll(): void {
    for (const link of this.links.values()) link.mirror?.stop("ChatML stopped.");
    this.links.clear();
  }

  private startMirror(link: Link, fromEnd: boolean): TranscriptMirror {
    const cwd = this.deps.conversations.cwdOf(link.conversationId);
    // Looked up until it exists (the CLI writes it at the first prompt), then kept.
    let found: string | null = null;
    const path = () => (found ??= findTranscript(this.deps.claudeDir, cwd, link.cliSessionId)) ?? join(projectDirOf(this.deps.claudeDir, cwd), `${link.cliSessionId}.jsonl`);
    // The conversation takes the Claude session over once its transcript exists (so a later --resume finds it).
    const onFileSeen = link.isSessionUnrecorded
      ? () => {
          link.isSessionUnrecorded = false;
          link.sink.add([sessionUpdated(link.cliSessionId, cwd)]);
        }
      : undefined;
    const onTurn = (turn: "ready" | "running", at: number | null) => {
      link.turn = turn;
      // The mirror reads the end of a turn up to a poll late: a prompt of the next turn may already wait by then.
      if (turn === "ready") this.deps.promptsAnswered(link.terminalId, { turnEndedAt: at });
      this.updateStatus(link);
    };
    const onToolEnded = (call: ToolCall) => this.deps.promptsAnswered(link.terminalId, { call });
    const mirror = new TranscriptMirror(path, link.sink, this.deps.now, { fromEnd, onTurn, onToolEnded, ...(onFileSeen ? { onFileSeen } : {}) });
    mirror.start();
    return mirror;
  }

  /**
   * The conversation's status follows the TUI: idle once it ended, waiting on a prompt (saying what the latest one
   * waits for, as chat mode does) or on a startup question, else where its turn is.
   */
  private updateStatus(link: Link): void {
    const isWaiting = link.pending.size > 0 || link.question !== null;
    const status: ConversationStatus = link.mirror === null ? "idle" : isWaiting ? "waiting" : link.turn;
    const reason = status === "waiting" ? ([...link.pending.values()].at(-1) ?? link.question) : null;
    const said = `${status}:${reason ?? ""}`;
    if (said === link.said) return;
    link.said = said;
    link.sink.add([{ type: "conversation.status.changed", status, reason }]);
    link.sink.flush();
    this.deps.conversations.changed(link.conversationId);
  }
}

function sessionUpdated(cliSessionId: string, cwd: string) {
  return { type: "cli.session.updated" as const, cliSessionId, cliVersion: null, model: null, permissionMode: null, cwd, tools: [], slashCommands: [], transport: null };
}

/** How the conversation's timeline says its terminal ended: with what the TUI said when it failed (see explainTuiExit). */
function endedText({ exitCode, problem }: TerminalInfo): string {
  const ended = `The interactive Claude terminal ended${exitCode === null ? "" : ` (exit code ${exitCode})`}`;
  return problem ? `${ended}. ${problem}` : `${ended}.`;
}

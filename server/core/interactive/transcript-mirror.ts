import { newId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import { CliTranslator } from "../../claude/translate.ts";
import { EntryOrder } from "../../claude/transcript/entry-order.ts";
import { ResumeRepairs } from "../../claude/transcript/resume-repairs.ts";
import { entryToCliMessage, turnSignal } from "../../claude/transcript/transcript-entries.ts";
import { TranscriptTail } from "../../claude/transcript/transcript-tail.ts";
import { TurnUsage } from "./turn-usage.ts";

/** Where mirrored events go: collected, then committed and published in order (an EventCommitter). */
export type EventSink = { add(events: DomainEvent[]): void; flush(): unknown };

/** A tool call of the TUI, as a permission prompt about it names it. */
export type ToolCall = { toolName: string; input: unknown };

/** Entries stamped earlier than the mirror's start by more than this belong to an earlier run of the session. */
const CLOCK_SLACK_MS = 2_000;

const translatorIds = { messageId: () => newId("message"), partId: () => newId("part"), permissionId: () => newId("permission") };

/**
 * Mirrors what an interactive `claude` writes to its session transcript into a conversation's timeline, through
 * the same translator as stream-json, so every device sees the turns as messages and tool calls, not only a
 * terminal. Read-only and incremental; a truncated, rewritten or deleted file is said in the timeline and never
 * produces a message twice.
 */
export class TranscriptMirror {
  private readonly translator: CliTranslator;
  private readonly tail: TranscriptTail;
  private readonly order: EntryOrder;
  private readonly usage = new TurnUsage();
  private readonly repairs = new ResumeRepairs();
  private readonly since: number;
  private hasSeenFile = false;
  private readonly onFileSeen: (() => void) | undefined;
  private readonly onTurn: ((state: "running" | "ready", at: number | null) => void) | undefined;
  private readonly onToolEnded: ((call: ToolCall) => void) | undefined;

  constructor(
    path: () => string,
    private readonly sink: EventSink,
    private readonly now: () => number,
    opts: {
      fromEnd: boolean;
      intervalMs?: number;
      onFileSeen?: () => void;
      /** The TUI's turn started or ended, as the line stamped `at` (ms; null when the line has no time) says. */
      onTurn?: (state: "running" | "ready", at: number | null) => void;
      /** A tool call got its result (it ran, or was denied or interrupted): whatever asked about it was answered. */
      onToolEnded?: (call: ToolCall) => void;
    },
  ) {
    this.since = now() - CLOCK_SLACK_MS;
    this.onFileSeen = opts.onFileSeen;
    this.onTurn = opts.onTurn;
    this.onToolEnded = opts.onToolEnded;
    this.translator = new CliTranslator({ ids: translatorIds, now, transport: null });
    this.order = new EntryOrder(now);
    this.tail = new TranscriptTail(path, {
      onEntries: (entries, malformed) => this.read(entries, malformed),
      onPolled: () => this.mirror(this.order.take()),
      onReset: (reason) => this.say("info", `The Claude Code transcript was ${reason === "truncated" ? "truncated" : "replaced"}; following it from its start (turns already shown are not repeated).`),
      onMissing: () => {
        if (this.hasSeenFile) this.say("warning", "The Claude Code transcript was deleted; the timeline keeps what was mirrored and continues if it comes back.");
      },
    }, opts);
  }

  start(): void {
    this.tail.start();
  }

  /** Reads what is left, closes tool calls that never got a result, and stops following. */
  stop(reason: string): void {
    this.tail.poll();
    this.tail.stop();
    this.mirror(this.order.drain());
    // The conversation is back in chat mode: its next message resumes the same Claude session with `claude -p`.
    this.sink.add(this.translator.translateExit({ code: null, signal: null, stderrTail: "" }, true, reason, "chat"));
    this.sink.flush();
  }

  /** Reads now (the tail's timer does this on its own). */
  poll(): void {
    this.tail.poll();
  }

  private read(entries: Record<string, unknown>[], malformed: number): void {
    if (!this.hasSeenFile) this.onFileSeen?.();
    this.hasSeenFile = true;
    this.order.push(entries.filter((entry) => !this.isEarlier(entry)));
    if (malformed > 0) this.say("warning", `${malformed} line(s) of the Claude Code transcript could not be read and were skipped.`);
  }

  private mirror(entries: Record<string, unknown>[]): void {
    if (entries.length === 0) return;
    for (const entry of entries) {
      // A resumed CLI's close of its earlier run's turn, whose end was mirrored when that run stopped: its "No response
      // requested." would end the new turn (settling the question that turn asks) and its result names an unseen call.
      if (this.repairs.isRepair(entry)) continue;
      const message = entryToCliMessage(entry);
      if (message) this.add(this.translator.translate(message));
      const turn = turnSignal(entry);
      // The end of a turn, with the tokens its answers used, as stream-json's result line says it.
      const result = this.usage.see(entry, turn);
      if (result) this.sink.add(this.translator.translate(result));
      if (turn) this.onTurn?.(turn, stampOf(entry));
    }
    this.sink.flush();
  }

  private add(events: DomainEvent[]): void {
    this.sink.add(events);
    for (const event of events) {
      if (event.type === "message.part.updated" && event.part.kind === "tool" && event.part.status !== "running") this.onToolEnded?.({ toolName: event.part.name, input: event.part.input });
    }
  }

  /** True for a line written by an earlier run of a resumed session (found again when the file was rewritten). */
  private isEarlier(entry: Record<string, unknown>): boolean {
    const stamp = stampOf(entry);
    return stamp !== null && stamp < this.since;
  }

  private say(level: "info" | "warning", text: string): void {
    this.sink.add([{ type: "notice", level, text }]);
    this.sink.flush();
  }
}

/** When the CLI wrote a transcript line (ms since the epoch), or null when it does not say. */
function stampOf(entry: Record<string, unknown>): number | null {
  const stamp = typeof entry["timestamp"] === "string" ? Date.parse(entry["timestamp"]) : Number.NaN;
  return Number.isNaN(stamp) ? null : stamp;
}

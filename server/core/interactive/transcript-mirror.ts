import { newId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import { CliTranslator } from "../../claude/translate.ts";
import { entryId, entryToCliMessage } from "../../claude/transcript/transcript-entries.ts";
import { TranscriptTail } from "../../claude/transcript/transcript-tail.ts";

/** Where mirrored events go: collected, then committed and published in order (an EventCommitter). */
export type EventSink = { add(events: DomainEvent[]): void; flush(): unknown };

/** Line ids remembered to skip lines mirrored before a rewrite of the file. */
const SEEN_LIMIT = 50_000;
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
  private readonly seen = new Set<string>();
  private readonly since: number;
  private hasSeenFile = false;
  private readonly onFileSeen: (() => void) | undefined;

  constructor(
    path: () => string,
    private readonly sink: EventSink,
    private readonly now: () => number,
    opts: { fromEnd: boolean; intervalMs?: number; onFileSeen?: () => void },
  ) {
    this.since = now() - CLOCK_SLACK_MS;
    this.onFileSeen = opts.onFileSeen;
    this.translator = new CliTranslator({ ids: translatorIds, now, transport: null });
    this.tail = new TranscriptTail(path, {
      onEntries: (entries, malformed) => this.mirror(entries, malformed),
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
    this.sink.add(this.translator.translateExit({ code: null, signal: null, stderrTail: "" }, true, reason));
    this.sink.flush();
  }

  /** Reads now (the tail's timer does this on its own). */
  poll(): void {
    this.tail.poll();
  }

  private mirror(entries: Record<string, unknown>[], malformed: number): void {
    if (!this.hasSeenFile) this.onFileSeen?.();
    this.hasSeenFile = true;
    for (const entry of entries) {
      if (!this.isNew(entry)) continue;
      const message = entryToCliMessage(entry);
      if (message) this.sink.add(this.translator.translate(message));
    }
    if (malformed > 0) this.sink.add([{ type: "notice", level: "warning", text: `${malformed} line(s) of the Claude Code transcript could not be read and were skipped.` }]);
    this.sink.flush();
  }

  /** False for a line mirrored already (a rewritten file) or written by an earlier run of a resumed session. */
  private isNew(entry: Record<string, unknown>): boolean {
    const stamp = typeof entry["timestamp"] === "string" ? Date.parse(entry["timestamp"]) : Number.NaN;
    if (!Number.isNaN(stamp) && stamp < this.since) return false;
    const id = entryId(entry);
    if (id === null) return true;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  private say(level: "info" | "warning", text: string): void {
    this.sink.add([{ type: "notice", level, text }]);
    this.sink.flush();
  }
}

import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { isTurnEnd, isTurnStart } from "../../../shared/protocol/events.ts";
import type { EventBus } from "../event-bus.ts";

/** The work tree at the end of a session's latest turn, as the workbench recorded it (ADR 0114); end null when cut. */
export type LastTurn = (sessionId: SessionId) => Promise<{ conversationId: ConversationId; end: string | null } | null>;

/** How long a send's checkpoint waits for its folder's last turn end to be read before it claims nothing for the gap. */
const SETTLE_LIMIT_MS = 500;

export type TurnGapsDeps = {
  bus: EventBus;
  lastTurn?: LastTurn;
  /** The folder and session of a conversation; null when it is gone. */
  placeOf: (conversationId: ConversationId) => { cwd: string; sessionId: SessionId } | null;
};

/**
 * Per folder, the work tree at the end of its latest turn while no turn has run since (ADR 0252): what a file made by
 * hand before the next turn was absent from. Unknown (null) while any conversation of the folder is in a turn, after a
 * rewind changed its files, when its latest turn had no end tree, and after a restart until a turn ends.
 */
export class TurnGaps {
  /** Conversations in a turn, with their folder. */
  private readonly inTurn = new Map<ConversationId, string>();
  private readonly gapStarts = new Map<string, string>();
  /** Bumped per folder at each turn end and rewind: only the newest of them may set its gap start (reads end unordered). */
  private readonly generations = new Map<string, number>();
  /** Per folder, its turn ends still reading the workbench's end tree. */
  private readonly ending = new Map<string, Set<Promise<void>>>();

  constructor(private readonly deps: TurnGapsDeps) {}

  /** Subscribes to the bus; answers the unsubscribe. */
  watch(): () => void {
    return this.deps.bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const { event } = message.sequenced;
      if (isTurnStart(event)) this.onTurnStart(message.conversationId);
      if (isTurnEnd(event)) {
        const cwd = this.inTurn.get(message.conversationId);
        if (cwd !== undefined) this.track(cwd, this.onTurnEnd(message.conversationId));
      }
    });
  }

  /**
   * Waits for the folder's turn ends being read, so that a turn's checkpoint taken right after one knows the gap it
   * starts. A send waits on this before its prompt goes: only its own folder's reads, and at most `limitMs`; past it the
   * gap is unsure (nothing claimed) rather than the send held by a slow or stuck read.
   */
  async settled(cwd: string, limitMs = SETTLE_LIMIT_MS): Promise<void> {
    const pending = this.ending.get(cwd);
    if (!pending || pending.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const isSettled = await Promise.race([Promise.all(pending).then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), limitMs)))]);
    clearTimeout(timer);
    if (!isSettled) this.unsure(cwd);
  }

  private track(cwd: string, ending: Promise<void>): void {
    const pending = this.ending.get(cwd) ?? new Set<Promise<void>>();
    this.ending.set(cwd, pending.add(ending));
    void ending.finally(() => {
      pending.delete(ending);
      if (pending.size === 0 && this.ending.get(cwd) === pending) this.ending.delete(cwd);
    });
  }

  /** The work tree the folder's current gap between turns started from; null when not sure, or in no gap (a turn runs). */
  gapStart(cwd: string): string | null {
    const isAnyInTurn = [...this.inTurn.values()].includes(cwd);
    return isAnyInTurn ? null : (this.gapStarts.get(cwd) ?? null);
  }

  /** The folder's files changed by other means than a hand (a rewind): the gap's start is no longer sure. */
  unsure(cwd: string): void {
    this.nextGeneration(cwd);
    this.gapStarts.delete(cwd);
  }

  private nextGeneration(cwd: string): number {
    const generation = (this.generations.get(cwd) ?? 0) + 1;
    this.generations.set(cwd, generation);
    return generation;
  }

  private onTurnStart(conversationId: ConversationId): void {
    const place = this.deps.placeOf(conversationId);
    if (place) this.inTurn.set(conversationId, place.cwd);
  }

  private async onTurnEnd(conversationId: ConversationId): Promise<void> {
    const cwd = this.inTurn.get(conversationId);
    const place = this.deps.placeOf(conversationId);
    if (cwd === undefined) return;
    this.inTurn.delete(conversationId);
    const generation = this.nextGeneration(cwd);
    const turn = place && this.deps.lastTurn ? await this.deps.lastTurn(place.sessionId).catch(unread) : null;
    // A later turn end or a rewind decides instead.
    if (generation !== this.generations.get(cwd)) return;
    // The workbench's latest turn of the session is this one only when no other conversation of it started one since.
    // Set even while another conversation's turn runs: gapStart says "none" until that one ends and sets its own.
    if (turn?.conversationId === conversationId && turn.end !== null) this.gapStarts.set(cwd, turn.end);
    else this.gapStarts.delete(cwd);
  }
}

function unread(error: unknown): null {
  console.warn("[checkpoints] a turn's end tree could not be read; the gap after it claims no file:", error instanceof Error ? error.message : error);
  return null;
}

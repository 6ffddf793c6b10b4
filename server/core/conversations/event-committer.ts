import type { ConversationId } from "../../../shared/ids.ts";
import { isEphemeral, type DomainEvent, type DurableEvent, type EphemeralEvent, type SequencedEvent } from "../../../shared/protocol/events.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { EventBus } from "../event-bus.ts";
import type { ConversationStore } from "../ports.ts";

/**
 * Collects one batch of a conversation's events, commits the durable ones in one transaction, and only then
 * publishes everything in the order it happened. Streaming never waits on disk for longer than one batch.
 */
export class EventCommitter {
  private pending: DomainEvent[] = [];
  /** Writes owed with the next commit, in its transaction (a send's command answer, with the send's message). */
  private alongside: (() => void)[] = [];

  constructor(
    private readonly conversationId: ConversationId,
    private readonly store: Pick<ConversationStore, "appendBatch">,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  /**
   * Queues events for the next flush. Text deltas of one part that follow each other in a batch are joined into one
   * (one frame, one serialization, one send per socket instead of one per CLI line); order is unchanged.
   */
  add(events: DomainEvent[]): void {
    for (const event of events) {
      const last = this.pending.at(-1);
      if (event.type === "message.part.delta" && !event.isReset && last?.type === "message.part.delta" && last.partId === event.partId) {
        this.pending[this.pending.length - 1] = { ...last, delta: last.delta + event.delta };
      } else this.pending.push(event);
    }
  }

  /**
   * Queues a write for the transaction of the next flush, after the events queued so far (a send's command answer
   * then is stored if and only if its message is).
   */
  storeWithNextCommit(write: () => void): void {
    this.alongside.push(write);
  }

  /** Commits and publishes what was collected, in order. Returns the committed durable events. */
  flush(): DurableEvent[] {
    if (this.pending.length === 0 && this.alongside.length === 0) return [];
    const batch = this.pending;
    const alongside = this.alongside;
    this.pending = [];
    this.alongside = [];
    const durable = batch.filter((event): event is DurableEvent => !isEphemeral(event));
    // The paced stream's common batch: one delta, nothing to store (no transaction, no lookup tables to build).
    if (durable.length === 0 && alongside.length === 0) {
      for (const event of batch) this.bus.publish({ kind: "delta", conversationId: this.conversationId, event: event as EphemeralEvent });
      return [];
    }
    const stored = this.commit(durable, alongside);
    const bySource = new Map(stored.map((entry) => [entry.source, entry.sequenced]));
    for (const event of batch) {
      if (isEphemeral(event)) this.bus.publish({ kind: "delta", conversationId: this.conversationId, event });
      const sequenced = isEphemeral(event) ? undefined : bySource.get(event);
      if (sequenced) this.bus.publish({ kind: "event", conversationId: this.conversationId, sequenced });
    }
    // Events the commit added itself (a notice that something could not be stored) come last.
    const batchSet = new Set<DomainEvent>(batch);
    for (const entry of stored) {
      if (!batchSet.has(entry.source)) this.bus.publish({ kind: "event", conversationId: this.conversationId, sequenced: entry.sequenced });
    }
    return stored.map((entry) => entry.source);
  }

  /**
   * One transaction for the batch. If the store refuses it (it is all or nothing), the events are stored one by
   * one so a single bad event costs only itself, and the user is told something was not recorded.
   */
  private commit(durable: DurableEvent[], alongside: (() => void)[]): { source: DurableEvent; sequenced: SequencedEvent }[] {
    if (durable.length === 0) return (this.writeAlone(alongside), []);
    try {
      const sequenced = this.store.appendBatch(this.conversationId, durable, this.now(), alongside.length > 0 ? () => alongside.forEach((write) => write()) : undefined);
      return durable.map((source, index) => ({ source, sequenced: sequenced[index] as SequencedEvent }));
    } catch (batchError) {
      if (batchError instanceof AppError && batchError.code === "not_found" && (batchError.details as { id?: unknown } | undefined)?.id === this.conversationId) {
        // Deleted while its CLI or terminal still reported (its session was deleted): nothing of it can be stored.
        console.warn(`[events ${this.conversationId}] the conversation no longer exists; ${durable.length} event(s) dropped`);
        this.writeAlone(alongside);
        return [];
      }
      console.error(`[events ${this.conversationId}] batch refused, storing one by one:`, batchError);
      const stored: { source: DurableEvent; sequenced: SequencedEvent }[] = [];
      let failures = 0;
      for (const source of durable) {
        try {
          const [sequenced] = this.store.appendBatch(this.conversationId, [source], this.now());
          if (sequenced) stored.push({ source, sequenced });
        } catch (error) {
          failures++;
          console.error(`[events ${this.conversationId}] dropped a ${source.type} event that could not be stored:`, error);
        }
      }
      if (failures > 0) stored.push(...this.tellLost(failures));
      this.writeAlone(alongside);
      return stored;
    }
  }

  /** Writes owed with a commit that did not happen as one batch, each on its own; one that fails is its caller's to redo. */
  private writeAlone(alongside: (() => void)[]): void {
    for (const write of alongside) {
      try {
        write();
      } catch (error) {
        console.error(`[events ${this.conversationId}] a write owed with a commit failed:`, error);
      }
    }
  }

  /**
   * Records that events were lost, once: if even that cannot be stored (the conversation was deleted while its CLI
   * or terminal still reported), there is nowhere to say it. Retrying it as a batch would fail the same way for ever.
   */
  private tellLost(failures: number): { source: DurableEvent; sequenced: SequencedEvent }[] {
    const source: DurableEvent = { type: "notice", level: "error", text: `${failures} event(s) could not be recorded; see the server log.` };
    try {
      const [sequenced] = this.store.appendBatch(this.conversationId, [source], this.now());
      return sequenced ? [{ source, sequenced }] : [];
    } catch (error) {
      console.error(`[events ${this.conversationId}] could not record that ${failures} event(s) were lost:`, error);
      return [];
    }
  }
}

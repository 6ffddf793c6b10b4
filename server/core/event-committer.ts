import type { ConversationId } from "../../shared/ids.ts";
import { isEphemeral, type DomainEvent, type DurableEvent } from "../../shared/protocol/events.ts";
import type { EventBus } from "./event-bus.ts";
import type { ConversationStore } from "./ports.ts";

/**
 * Collects one batch of a conversation's events, commits the durable ones in one transaction, and only then
 * publishes everything in the order it happened. Streaming never waits on disk for longer than one batch.
 */
export class EventCommitter {
  private pending: DomainEvent[] = [];

  constructor(
    private readonly conversationId: ConversationId,
    private readonly store: ConversationStore,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  add(events: DomainEvent[]): void {
    for (const event of events) this.pending.push(event);
  }

  /** Commits and publishes what was collected. Returns the committed durable events. */
  flush(): DurableEvent[] {
    if (this.pending.length === 0) return [];
    const batch = this.pending;
    this.pending = [];
    const durable = batch.filter((event): event is DurableEvent => !isEphemeral(event));
    const sequenced = durable.length > 0 ? this.store.appendBatch(this.conversationId, durable, this.now()) : [];
    let next = 0;
    for (const event of batch) {
      if (isEphemeral(event)) {
        this.bus.publish({ kind: "delta", conversationId: this.conversationId, event });
        continue;
      }
      const committed = sequenced[next++];
      if (committed) this.bus.publish({ kind: "event", conversationId: this.conversationId, sequenced: committed });
    }
    return durable;
  }
}

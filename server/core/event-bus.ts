import type { ConversationId, SessionId } from "../../shared/ids.ts";
import type { EphemeralEvent, SequencedEvent } from "../../shared/protocol/events.ts";
import type { EntityChange, IntegrationService, WorkbenchTopic } from "../../shared/protocol/frames.ts";

/** What flows through the in-process bus: committed durable events, ephemeral deltas, and entity upserts. */
export type BusMessage =
  | { kind: "event"; conversationId: ConversationId; sequenced: SequencedEvent }
  | { kind: "delta"; conversationId: ConversationId; event: EphemeralEvent }
  | { kind: "entity"; change: EntityChange }
  /** Something of a session's workbench changed (e.g. its review comments): devices showing it refetch. */
  | { kind: "workbench"; sessionId: SessionId; topic: WorkbenchTopic }
  /** A device connected or disconnected, signed in, was renamed or signed out: Devices screens read the list again. */
  | { kind: "devices" }
  /** GitHub or Linear was connected, disconnected or set otherwise: screens showing the connection read it again. */
  | { kind: "integrations"; service: IntegrationService };

export type BusListener = (message: BusMessage) => void;

/** A typed, synchronous in-process event bus. Durable events are published only after their commit. */
export class EventBus {
  private readonly listeners = new Set<BusListener>();
  private readonly batchEndListeners = new Set<() => void>();
  private batchDepth = 0;

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `fn`, whose messages (and those its listeners publish in turn) make one batch: listeners still get each
   * message at once and in order, and `onBatchEnd` listeners hear when the outermost batch is over, also when `fn`
   * throws. The browser hub writes a batch's frames to each socket in one go (ADR 0315).
   * @example bus.batch(() => { bus.publish(a); bus.publish(b); }); // sockets get a and b in one write
   */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      if (--this.batchDepth === 0) this.endBatch();
    }
  }

  /** True while a batch runs: a listener may hold what it would write until the batch ends. */
  get isBatching(): boolean {
    return this.batchDepth > 0;
  }

  /** Called after each outermost batch; returns the unsubscribe function. */
  onBatchEnd(listener: () => void): () => void {
    this.batchEndListeners.add(listener);
    return () => this.batchEndListeners.delete(listener);
  }

  private endBatch(): void {
    for (const listener of this.batchEndListeners) {
      try {
        listener();
      } catch (error) {
        console.error("[bus] a batch-end listener failed:", error);
      }
    }
  }

  publish(message: BusMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        // One broken subscriber (e.g. a closed socket) must not stop delivery to the others.
        console.error("[bus] a listener failed:", error);
      }
    }
  }
}

/** The streamed text a bus message carries (a part's delta), in UTF-16 units: what the turn end's collection weighs. */
export function streamedChars(message: BusMessage): number {
  return message.kind === "delta" && message.event.type === "message.part.delta" ? message.event.delta.length : 0;
}

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

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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

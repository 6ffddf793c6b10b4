import { newId, type ConversationId, type QueuedMessageId } from "../../../shared/ids.ts";
import type { ImageInput, SendMessageInput } from "../../../shared/api/inputs.ts";
import type { EnqueueMessageInput } from "../../../shared/api/queue-inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { WORKING_STATUSES } from "../../../shared/protocol/model.ts";
import type { MessageQueue, QueuedMessage } from "../../../shared/protocol/queue.ts";
import type { Repositories, StoredQueuedMessage } from "../../persistence/repositories.ts";
import type { BusMessage, EventBus } from "../event-bus.ts";
import { messageOf } from "../../../shared/error-message.ts";

export type MessageQueueDeps = {
  repos: Pick<Repositories, "queuedMessages" | "conversations" | "commands">;
  bus: EventBus;
  now: () => number;
  /** Sends a message now (the conversation service's sendMessage). */
  send: (conversationId: ConversationId, input: SendMessageInput) => Promise<unknown>;
  /** Throws when `images`, sent after the messages queued before them (with `queuedAhead`), would be refused. */
  refuseImages: (conversationId: ConversationId, queuedAhead: readonly ImageInput[], images: readonly ImageInput[]) => void;
};

/**
 * The server's queue of messages typed while a turn runs (ADR 0025): stored in SQLite, shown and cancellable on every
 * device, and sent one per finished turn, in order. A message with `sendAfter` (continue when a rate limit resets)
 * is not sent before that time. The queue holds a message until the turn has ended on every CLI version, so a
 * cancel always works and a message never folds into the running turn. A turn the user stopped is not a finished
 * one: its end sends nothing (ADR 0230).
 */
export class MessageQueueService {
  private readonly sending = new Map<ConversationId, QueuedMessageId>();
  /**
   * Conversations whose turn the user stopped: `stopping` until that turn has ended, then `stopped` until the next turn
   * starts. The queue sends nothing on its own in either.
   */
  private readonly stops = new Map<ConversationId, "stopping" | "stopped">();
  private readonly timers = new Map<ConversationId, ReturnType<typeof setTimeout>>();
  private isStopped = false;
  constructor(private readonly deps: MessageQueueDeps) {}

  /** Follows turn ends and arms the timers of messages scheduled for later (after a restart too). */
  start(): () => void {
    const unsubscribe = this.deps.bus.subscribe((message) => this.onBus(message));
    for (const conversationId of this.deps.repos.queuedMessages.conversationsWithQueue()) this.armTimer(conversationId);
    this.isStopped = false;
    return () => {
      this.isStopped = true;
      unsubscribe();
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
    };
  }

  list(conversationId: ConversationId): MessageQueue {
    this.requireConversation(conversationId);
    return this.snapshot(conversationId);
  }

  /** Queues a message (once per command id); when no turn runs it is sent at once. */
  enqueue(conversationId: ConversationId, input: EnqueueMessageInput): MessageQueue {
    this.requireConversation(conversationId);
    // Synchronous from the lookup to the insert, so a retried command id cannot queue the message twice.
    if (this.deps.repos.commands.find(conversationId, input.commandId) == null) {
      const queuedAhead = this.deps.repos.queuedMessages.list(conversationId).flatMap((item) => item.images);
      this.deps.refuseImages(conversationId, queuedAhead, input.images);
      this.deps.repos.queuedMessages.add({ id: newId("queuedMessage"), conversationId, text: input.text, images: input.images, sendAfter: input.sendAfter });
      this.deps.repos.commands.remember(conversationId, input.commandId, { queued: true });
      this.publish(conversationId);
      this.drainSoon(conversationId);
    }
    return this.snapshot(conversationId);
  }

  /** Takes a message out of the queue before it is sent. */
  cancel(conversationId: ConversationId, id: QueuedMessageId): MessageQueue {
    return this.takeOut(conversationId, id).queue;
  }

  /** Takes a message out of the queue to edit it: its text and images go back to the device that asked. */
  takeBack(conversationId: ConversationId, id: QueuedMessageId): { queue: MessageQueue; message: { text: string; images: ImageInput[] } } {
    const { queue, item } = this.takeOut(conversationId, id);
    return { queue, message: { text: item.text, images: item.images } };
  }

  private takeOut(conversationId: ConversationId, id: QueuedMessageId): { queue: MessageQueue; item: StoredQueuedMessage } {
    this.requireConversation(conversationId);
    if (this.sending.get(conversationId) === id) throw new AppError("conflict", "This message is already being sent.");
    const item = this.deps.repos.queuedMessages.list(conversationId).find((m) => m.id === id);
    if (!item || !this.deps.repos.queuedMessages.remove(id)) throw new AppError("not_found", "This message is no longer queued (it was sent or cancelled).");
    this.publish(conversationId);
    this.armTimer(conversationId);
    return { queue: this.snapshot(conversationId), item };
  }

  /**
   * The user is stopping the running turn (Stop, or Interrupt and send): the queue stays where it is when that turn
   * ends, instead of sending its head the moment the user asked for quiet (or ahead of the message "Interrupt and
   * send" is about to send). It goes on at the end of the next turn the user starts, or with "Send now". Nothing is
   * held when no turn runs: there is no turn end to skip.
   */
  holdOverStop(conversationId: ConversationId): void {
    const status = this.deps.repos.conversations.get(conversationId)?.status;
    if (status && WORKING_STATUSES.has(status)) this.stops.set(conversationId, "stopping");
  }

  /** The stop was refused (the turn goes on): its end sends the queue's head after all. */
  stopRefused(conversationId: ConversationId): void {
    if (this.stops.get(conversationId) === "stopping") this.stops.delete(conversationId);
  }

  /** Sends a message now instead of waiting (its `sendAfter` dropped); refused while a turn runs. */
  async sendNow(conversationId: ConversationId, id: QueuedMessageId): Promise<MessageQueue> {
    const status = this.requireConversation(conversationId).status;
    if (WORKING_STATUSES.has(status)) throw new AppError("conflict", "Claude is still working; the message is sent when the turn ends (or stop the turn first).");
    const item = this.deps.repos.queuedMessages.list(conversationId).find((m) => m.id === id);
    if (!item) throw new AppError("not_found", "This message is no longer queued (it was sent or cancelled).");
    await this.sendItem(conversationId, item);
    return this.snapshot(conversationId);
  }

  private onBus(message: BusMessage): void {
    if (message.kind !== "event") return;
    const event = message.sequenced.event;
    if (event.type !== "conversation.status.changed") return;
    const stop = this.stops.get(message.conversationId);
    if (WORKING_STATUSES.has(event.status)) {
      // A turn after the stopped one: its end is a turn end like any other.
      if (stop === "stopped") this.setStop(message.conversationId, null);
      return;
    }
    // The stopped turn has ended (ready, or the process gone): its end sends nothing.
    if (stop === "stopping") this.setStop(message.conversationId, "stopped");
    // A finished turn leaves the conversation "ready": the next queued message goes.
    else if (event.status === "ready") this.drainSoon(message.conversationId);
  }

  /** Every device shows the queue as held (or no longer) as the stop settles. */
  private setStop(conversationId: ConversationId, stop: "stopped" | null): void {
    if (stop) this.stops.set(conversationId, stop);
    else this.stops.delete(conversationId);
    if (this.deps.repos.queuedMessages.list(conversationId).length > 0) this.publish(conversationId);
  }

  /** Outside the publishing call: the runtime is still committing when its status event is published. */
  private drainSoon(conversationId: ConversationId): void {
    setTimeout(() => void this.drain(conversationId), 0);
  }

  private async drain(conversationId: ConversationId): Promise<void> {
    if (this.isStopped || this.sending.has(conversationId) || this.stops.has(conversationId)) return;
    const status = this.deps.repos.conversations.get(conversationId)?.status;
    if (!status || WORKING_STATUSES.has(status)) return;
    const head = this.deps.repos.queuedMessages.list(conversationId)[0];
    if (!head) return;
    if (head.sendAfter !== null && head.sendAfter > this.deps.now()) return this.armTimer(conversationId);
    await this.sendItem(conversationId, head);
  }

  private async sendItem(conversationId: ConversationId, item: StoredQueuedMessage): Promise<void> {
    if (this.sending.has(conversationId)) throw new AppError("conflict", "A queued message is being sent; try again in a moment.");
    this.sending.set(conversationId, item.id);
    this.publish(conversationId);
    try {
      await this.deps.send(conversationId, { commandId: `queued-${item.id}`, text: item.text, images: item.images });
      this.deps.repos.queuedMessages.remove(item.id);
    } catch (error) {
      // It stays queued with the reason, so nothing typed is lost; the next turn end (or Send now) tries again.
      this.deps.repos.queuedMessages.setError(item.id, messageOf(error));
    } finally {
      this.sending.delete(conversationId);
      this.publish(conversationId);
    }
  }

  /** One timer per conversation, for the head's `sendAfter`. */
  private armTimer(conversationId: ConversationId): void {
    clearTimeout(this.timers.get(conversationId));
    this.timers.delete(conversationId);
    const head = this.deps.repos.queuedMessages.list(conversationId)[0];
    if (!head || head.sendAfter === null) return;
    const delay = Math.max(0, head.sendAfter - this.deps.now());
    this.timers.set(conversationId, setTimeout(() => {
      this.timers.delete(conversationId);
      void this.drain(conversationId);
    }, delay));
  }

  private snapshot(conversationId: ConversationId): MessageQueue {
    const sendingId = this.sending.get(conversationId);
    const isHeld = this.stops.get(conversationId) === "stopped";
    return { conversationId, items: this.deps.repos.queuedMessages.list(conversationId).map((item) => toQueued(item, sendingId, isHeld)) };
  }

  private publish(conversationId: ConversationId): void {
    this.deps.bus.publish({ kind: "entity", change: { kind: "queue", queue: this.snapshot(conversationId) } });
  }

  private requireConversation(conversationId: ConversationId) {
    const conversation = this.deps.repos.conversations.get(conversationId);
    if (!conversation) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    return conversation;
  }
}

function toQueued(item: StoredQueuedMessage, sendingId: QueuedMessageId | undefined, isHeld: boolean): QueuedMessage {
  return {
    id: item.id,
    text: item.text,
    imageCount: item.images.length,
    createdAt: item.createdAt,
    sendAfter: item.sendAfter,
    state: item.id === sendingId ? "sending" : isHeld ? "held" : "waiting",
    error: item.lastError,
  };
}

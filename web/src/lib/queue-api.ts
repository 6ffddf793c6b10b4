import type { ConversationId, ImageInput, MessageQueue } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

const queue = client.conversations[":id"].queue;

/** REST calls for the server's message queue (ADR 0025). */
export const queueApi = {
  get: async (id: ConversationId): Promise<MessageQueue> => (await call(queue.$get({ param: { id } }))).queue as MessageQueue,
  /** Queues a message for when the turn ends; `sendAfter` (epoch ms) holds it until then. */
  enqueue: async (id: ConversationId, commandId: string, text: string, images: ImageInput[], sendAfter: number | null = null): Promise<MessageQueue> =>
    (await call(queue.$post({ param: { id }, json: { commandId, text, images, sendAfter } }))).queue as MessageQueue,
  cancel: async (id: ConversationId, itemId: string): Promise<MessageQueue> =>
    (await call(queue[":itemId"].$delete({ param: { id, itemId } }))).queue as MessageQueue,
  /** Takes a message out of the queue to edit it; its text and images come back. */
  takeBack: async (id: ConversationId, itemId: string): Promise<{ queue: MessageQueue; message: { text: string; images: ImageInput[] } }> => {
    const { queue: left, message } = await call(queue[":itemId"]["take-back"].$post({ param: { id, itemId } }));
    return { queue: left as MessageQueue, message };
  },
  sendNow: async (id: ConversationId, itemId: string): Promise<MessageQueue> =>
    (await call(queue[":itemId"].send.$post({ param: { id, itemId } }))).queue as MessageQueue,
};

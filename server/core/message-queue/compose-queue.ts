import type { MessageQueueDeps } from "./queue-service.ts";
import { MessageQueueService } from "./queue-service.ts";

/** Builds the message queue and starts following turn ends. */
export function composeMessageQueue(deps: MessageQueueDeps): { queue: MessageQueueService; stop: () => void } {
  const queue = new MessageQueueService(deps);
  return { queue, stop: queue.start() };
}

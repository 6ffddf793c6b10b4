import { Hono } from "hono";
import { z } from "zod";
import { ConversationIdParam } from "../../../shared/api/inputs.ts";
import { EnqueueMessageInput } from "../../../shared/api/queue-inputs.ts";
import { ConversationId, QueuedMessageId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const ItemParam = z.object({ id: ConversationId, itemId: QueuedMessageId });

/** A conversation's queue of messages waiting for the turn to end (ADR 0025). */
export function queueRoutes(services: Pick<HttpServices, "queue">) {
  return new Hono()
    .get("/conversations/:id/queue", validate("param", ConversationIdParam), (c) => c.json({ queue: services.queue.list(c.req.valid("param").id) }))
    .post("/conversations/:id/queue", validate("param", ConversationIdParam), validate("json", EnqueueMessageInput), (c) =>
      c.json({ queue: services.queue.enqueue(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .delete("/conversations/:id/queue/:itemId", validate("param", ItemParam), (c) => {
      const { id, itemId } = c.req.valid("param");
      return c.json({ queue: services.queue.cancel(id, itemId) });
    })
    .post("/conversations/:id/queue/:itemId/take-back", validate("param", ItemParam), (c) => {
      const { id, itemId } = c.req.valid("param");
      return c.json(services.queue.takeBack(id, itemId));
    })
    .post("/conversations/:id/queue/:itemId/send", validate("param", ItemParam), async (c) => {
      const { id, itemId } = c.req.valid("param");
      return c.json({ queue: await services.queue.sendNow(id, itemId) });
    });
}

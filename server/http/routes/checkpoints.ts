import { Hono } from "hono";
import { z } from "zod";
import { ConversationId } from "../../../shared/ids.ts";
import { ConversationIdParam } from "../../../shared/api/inputs.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const CheckpointParam = z.object({ id: ConversationId, checkpointId: z.string().regex(/^chk_[a-z0-9]{6,40}$/, "expected a checkpoint id") });

/** File checkpoints of a conversation: list, preview a rewind, rewind (undoable). */
export function checkpointRoutes(services: Pick<HttpServices, "checkpoints">) {
  return new Hono()
    .get("/conversations/:id/checkpoints", validate("param", ConversationIdParam), async (c) => c.json(await services.checkpoints.listing(c.req.valid("param").id)))
    .get("/conversations/:id/checkpoints/:checkpointId/preview", validate("param", CheckpointParam), async (c) => {
      const { id, checkpointId } = c.req.valid("param");
      return c.json({ preview: await services.checkpoints.preview(id, checkpointId) });
    })
    .post("/conversations/:id/checkpoints/:checkpointId/rewind", validate("param", CheckpointParam), async (c) => {
      const { id, checkpointId } = c.req.valid("param");
      return c.json(await services.checkpoints.rewind(id, checkpointId));
    });
}

import { Hono } from "hono";
import { z } from "zod";
import { CreateCommentInput, ReplyInput, SendCommentsInput, UpdateCommentInput } from "../../../shared/api/workbench.ts";
import { SessionId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const SessionParam = z.object({ id: SessionId });
const CommentParam = z.object({ id: z.string().regex(/^rvc_[A-Za-z0-9_-]{6,64}$/, "expected a review comment id") });

/** Review comments on a session's diff: list (re-anchored), create, reply, edit/resolve, delete, send to Claude. */
export function reviewRoutes(services: HttpServices) {
  const { reviews } = services.workbench;
  return new Hono()
    .get("/sessions/:id/reviews", validate("param", SessionParam), (c) => c.json({ comments: reviews.list(c.req.valid("param").id) }))
    .post("/sessions/:id/reviews", validate("param", SessionParam), validate("json", CreateCommentInput), async (c) =>
      c.json({ comment: await reviews.create(c.req.valid("param").id, c.req.valid("json")) }, 201),
    )
    .post("/sessions/:id/reviews/send", validate("param", SessionParam), validate("json", SendCommentsInput), async (c) =>
      c.json(await reviews.send(c.req.valid("param").id, c.req.valid("json"))),
    )
    .post("/reviews/:id/replies", validate("param", CommentParam), validate("json", ReplyInput), (c) =>
      c.json({ comment: reviews.reply(c.req.valid("param").id, c.req.valid("json")) }, 201),
    )
    .patch("/reviews/:id", validate("param", CommentParam), validate("json", UpdateCommentInput), (c) =>
      c.json({ comment: reviews.update(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .delete("/reviews/:id", validate("param", CommentParam), (c) => {
      reviews.remove(c.req.valid("param").id);
      return c.json({ ok: true as const });
    });
}

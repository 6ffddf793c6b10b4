import { Hono } from "hono";
import { z } from "zod";
import { AnswerApprovalInput, CliSessionIdText, StartInteractiveClaudeInput } from "../../../shared/api/inputs.ts";
import { SessionId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Interactive `claude` terminals and the approvals their hooks wait for (signed-in devices). */
export function interactiveRoutes({ interactive }: HttpServices) {
  return new Hono()
    .post("/sessions/:id/claude", validate("param", z.object({ id: SessionId })), validate("json", StartInteractiveClaudeInput), async (c) =>
      c.json({ terminal: await interactive.claude.start(c.req.valid("param").id, c.req.valid("json")) }, 201),
    )
    .get("/sessions/:id/outside-sessions", validate("param", z.object({ id: SessionId })), (c) =>
      c.json({ sessions: interactive.claude.outsideSessions(c.req.valid("param").id) }),
    )
    .get(
      "/sessions/:id/outside-sessions/:cliSessionId/messages",
      validate("param", z.object({ id: SessionId, cliSessionId: CliSessionIdText })),
      validate("query", z.object({ before: z.coerce.number().int().min(0).optional() })),
      (c) => {
        const { id, cliSessionId } = c.req.valid("param");
        return c.json(interactive.claude.outsideTranscript(id, cliSessionId, c.req.valid("query").before ?? null));
      },
    )
    .get("/approvals", (c) => c.json({ approvals: interactive.broker.list() }))
    .post("/approvals/:id", validate("param", z.object({ id: z.string().min(1).max(100) })), validate("json", AnswerApprovalInput), (c) => {
      interactive.broker.answer(c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const });
    });
}

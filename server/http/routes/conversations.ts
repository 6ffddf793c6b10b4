import { Hono } from "hono";
import { z } from "zod";
import {
  AnswerPermissionInput,
  CommandOnlyInput,
  ConversationIdParam,
  CreateConversationInput,
  PermissionParam,
  SendMessageInput,
  SetEffortInput,
  SetModelInput,
  SetPermissionModeInput,
} from "../../../shared/api/inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { PermissionId, SessionId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";
import { historyImagesOf } from "../../core/conversations/history-images.ts";
import { principalOf } from "../middleware/security.ts";

const EventsQuery = z.object({
  afterSeq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** Conversations: listing, history, and the commands that steer a live CLI. */
export function conversationRoutes(services: HttpServices) {
  const commands = services.conversations;
  return new Hono()
    .get("/conversations", validate("query", z.object({ sessionId: SessionId.optional() })), (c) =>
      c.json({ conversations: services.workspaces.listConversations(c.req.valid("query").sessionId) }),
    )
    .post("/conversations", validate("json", CreateConversationInput), (c) =>
      c.json({ conversation: services.workspaces.createConversation(c.req.valid("json")) }, 201),
    )
    .get("/conversations/:id", validate("param", ConversationIdParam), (c) => {
      const { id } = c.req.valid("param");
      return c.json({ conversation: services.workspaces.getConversation(id), pendingPermissions: services.queries.pendingPermissions.list(id) });
    })
    .get("/conversations/:id/events", validate("param", ConversationIdParam), validate("query", EventsQuery), (c) => {
      const { id } = c.req.valid("param");
      const { afterSeq, limit } = c.req.valid("query");
      const conversation = services.workspaces.getConversation(id);
      return c.json({ events: services.queries.events.listAfter(id, afterSeq, limit), lastSeq: conversation.lastSeq });
    })
    .get("/conversations/:id/messages", validate("param", ConversationIdParam), (c) => {
      const { id } = c.req.valid("param");
      services.workspaces.getConversation(id);
      return c.json({ messages: services.queries.messages.list(id, { limit: 200 }) });
    })
    .get("/conversations/:id/history-images", validate("param", ConversationIdParam), (c) => {
      const { id } = c.req.valid("param");
      services.workspaces.getConversation(id);
      return c.json(historyImagesOf(services.queries, id));
    })
    .post("/conversations/:id/messages", validate("param", ConversationIdParam), validate("json", SendMessageInput), async (c) =>
      c.json(await commands.sendMessage(c.req.valid("param").id, c.req.valid("json")), 202),
    )
    .post("/conversations/:id/permissions/:requestId", validate("param", PermissionParam), validate("json", AnswerPermissionInput), async (c) => {
      const { id, requestId } = c.req.valid("param");
      const parsed = PermissionId.safeParse(requestId);
      if (!parsed.success) throw new AppError("bad_request", `Invalid request id ${requestId}.`);
      const principal = principalOf(c);
      const decidedBy = principal.kind === "device" ? principal.device.name : null;
      return c.json(await commands.answerPermission(id, parsed.data, c.req.valid("json"), decidedBy));
    })
    .post("/conversations/:id/interrupt", validate("param", ConversationIdParam), validate("json", CommandOnlyInput), async (c) => {
      const { id } = c.req.valid("param");
      // A stopped turn's end is not the moment to send what was queued behind it (ADR 0230).
      services.queue.holdOverStop(id);
      try {
        return c.json(await commands.interrupt(id, c.req.valid("json").commandId));
      } catch (error) {
        services.queue.stopRefused(id);
        throw error;
      }
    })
    .delete("/conversations/:id", validate("param", ConversationIdParam), async (c) => {
      await commands.delete(c.req.valid("param").id);
      return c.json({ ok: true });
    })
    .post("/conversations/:id/stop", validate("param", ConversationIdParam), validate("json", CommandOnlyInput), async (c) =>
      c.json(await commands.stop(c.req.valid("param").id, c.req.valid("json").commandId)),
    )
    .post("/conversations/:id/model", validate("param", ConversationIdParam), validate("json", SetModelInput), async (c) =>
      c.json(await commands.setModel(c.req.valid("param").id, c.req.valid("json"))),
    )
    .post("/conversations/:id/effort", validate("param", ConversationIdParam), validate("json", SetEffortInput), async (c) =>
      c.json(await commands.setEffort(c.req.valid("param").id, c.req.valid("json"))),
    )
    // A device opened the context figures: the running CLI is asked for current ones only when they are out of date.
    .post("/conversations/:id/context-usage/watch", validate("param", ConversationIdParam), (c) =>
      c.json(commands.watchContextUsage(c.req.valid("param").id)),
    )
    .post("/conversations/:id/permission-mode", validate("param", ConversationIdParam), validate("json", SetPermissionModeInput), async (c) =>
      c.json(await commands.setPermissionMode(c.req.valid("param").id, c.req.valid("json"))),
    );
}

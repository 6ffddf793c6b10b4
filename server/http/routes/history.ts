import { Hono } from "hono";
import { z } from "zod";
import { CommandOnlyInput, ConversationIdParam } from "../../../shared/api/inputs.ts";
import { ConversationId, PartId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { historyPage } from "../../core/conversations/history-page.ts";
import { searchFiles } from "../../core/workspaces/file-search.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const HistoryQuery = z.object({
  before: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(60),
});
const FilesQuery = z.object({ q: z.string().max(200).default(""), limit: z.coerce.number().int().min(1).max(100).default(20) });

/** History pages of the messages projection, single parts in full, relaunching the CLI, and `@` file search. */
export function historyRoutes(services: HttpServices) {
  return new Hono()
    .get("/conversations/:id/history", validate("param", ConversationIdParam), validate("query", HistoryQuery), (c) => {
      const conversation = services.workspaces.getConversation(c.req.valid("param").id);
      return c.json({ page: historyPage(services.queries, conversation, c.req.valid("query")) });
    })
    .get("/conversations/:id/parts/:partId", validate("param", z.object({ id: ConversationId, partId: PartId })), (c) => {
      const { id, partId } = c.req.valid("param");
      const part = services.queries.messages.part(id, partId);
      if (!part) throw new AppError("not_found", `No part ${partId} in this conversation.`);
      return c.json({ part });
    })
    .post("/conversations/:id/relaunch", validate("param", ConversationIdParam), validate("json", CommandOnlyInput), async (c) =>
      c.json(await services.conversations.relaunch(c.req.valid("param").id, c.req.valid("json").commandId)),
    )
    .get("/conversations/:id/files", validate("param", ConversationIdParam), validate("query", FilesQuery), (c) => {
      const { q, limit } = c.req.valid("query");
      return c.json({ files: searchFiles(services.conversations.cwdOf(c.req.valid("param").id), q, limit) });
    });
}

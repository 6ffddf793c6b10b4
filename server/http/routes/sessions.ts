import { Hono } from "hono";
import { z } from "zod";
import { ConversationIdParam, CreateSessionInput, DeleteSessionInput, RenameConversationInput, UpdateSessionInput } from "../../../shared/api/inputs.ts";
import { SessionId, WorkspaceId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const SessionParam = z.object({ id: SessionId });

/** Sessions (create, metadata, archive, delete, git state) and conversation rename/close. */
export function sessionRoutes(services: HttpServices) {
  const { sessions, lifecycle } = services;
  return new Hono()
    .get("/sessions", validate("query", z.object({ workspaceId: WorkspaceId.optional() })), (c) =>
      c.json({ sessions: sessions.list(c.req.valid("query").workspaceId) }),
    )
    .post("/sessions", validate("json", CreateSessionInput), async (c) => c.json(await sessions.create(c.req.valid("json")), 201))
    .get("/sessions/:id", validate("param", SessionParam), (c) => c.json({ session: sessions.get(c.req.valid("param").id) }))
    .patch("/sessions/:id", validate("param", SessionParam), validate("json", UpdateSessionInput), (c) =>
      c.json({ session: sessions.update(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .post("/sessions/:id/setup", validate("param", SessionParam), async (c) => {
      await sessions.rerunSetup(c.req.valid("param").id);
      return c.json({ ok: true as const }, 202);
    })
    .post("/sessions/:id/setup/stop", validate("param", SessionParam), async (c) => {
      const { id } = c.req.valid("param");
      await sessions.stopSetup(id);
      return c.json({ session: sessions.get(id) });
    })
    .post("/sessions/:id/git", validate("param", SessionParam), async (c) => c.json({ session: await sessions.refreshGit(c.req.valid("param").id) }))
    .post("/sessions/:id/archive", validate("param", SessionParam), async (c) => c.json({ session: await lifecycle.archive(c.req.valid("param").id) }))
    .post("/sessions/:id/summary", validate("param", SessionParam), (c) => c.json({ session: lifecycle.summarizeAgain(c.req.valid("param").id) }))
    .post("/sessions/:id/unarchive", validate("param", SessionParam), async (c) =>
      c.json({ session: await lifecycle.unarchive(c.req.valid("param").id) }),
    )
    .post("/sessions/:id/delete", validate("param", SessionParam), validate("json", DeleteSessionInput), async (c) =>
      c.json(await lifecycle.delete(c.req.valid("param").id, c.req.valid("json"))),
    )
    .post("/conversations/:id/rename", validate("param", ConversationIdParam), validate("json", RenameConversationInput), (c) =>
      c.json({ conversation: services.workspaces.renameConversation(c.req.valid("param").id, c.req.valid("json").title) }),
    )
    .post("/conversations/:id/close", validate("param", ConversationIdParam), (c) =>
      c.json({ conversation: services.workspaces.setConversationClosed(c.req.valid("param").id, true) }),
    )
    .post("/conversations/:id/reopen", validate("param", ConversationIdParam), (c) =>
      c.json({ conversation: services.workspaces.setConversationClosed(c.req.valid("param").id, false) }),
    );
}

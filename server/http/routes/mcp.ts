import { Hono } from "hono";
import { z } from "zod";
import { ConversationIdParam } from "../../../shared/api/inputs.ts";
import { ForkConversationInput, SaveMcpServerInput, SetMcpServerEnabledInput, ToggleMcpServerInput } from "../../../shared/api/mcp-inputs.ts";
import { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const WorkspaceParam = z.object({ id: WorkspaceId });
const ServerParam = z.object({ id: WorkspaceId, serverId: z.string().min(1).max(100) });
const NamedServerParam = z.object({ id: ConversationId, name: z.string().min(1).max(200) });

/** MCP servers: a conversation's live list (reconnect, switch off), a workspace's own servers; and forking. */
export function mcpRoutes(services: Pick<HttpServices, "mcp" | "forks">) {
  const { servers, status } = services.mcp;
  return new Hono()
    .get("/conversations/:id/mcp", validate("param", ConversationIdParam), async (c) => c.json({ overview: await status.overview(c.req.valid("param").id) }))
    .post("/conversations/:id/mcp/:name/reconnect", validate("param", NamedServerParam), async (c) => {
      const { id, name } = c.req.valid("param");
      return c.json({ overview: await status.reconnect(id, name) });
    })
    .post("/conversations/:id/mcp/:name/toggle", validate("param", NamedServerParam), validate("json", ToggleMcpServerInput), async (c) => {
      const { id, name } = c.req.valid("param");
      return c.json({ overview: await status.toggle(id, name, c.req.valid("json").isEnabled) });
    })
    .post("/conversations/:id/fork", validate("param", ConversationIdParam), validate("json", ForkConversationInput), async (c) =>
      c.json(await services.forks.fork(c.req.valid("param").id, c.req.valid("json").messageId)),
    )
    .get("/workspaces/:id/mcp-servers", validate("param", WorkspaceParam), (c) => c.json({ servers: servers.list(c.req.valid("param").id) }))
    .post("/workspaces/:id/mcp-servers", validate("param", WorkspaceParam), validate("json", SaveMcpServerInput), (c) =>
      c.json({ server: servers.save(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .put("/workspaces/:id/mcp-servers/:serverId", validate("param", ServerParam), validate("json", SaveMcpServerInput), (c) => {
      const { id, serverId } = c.req.valid("param");
      return c.json({ server: servers.save(id, c.req.valid("json"), serverId) });
    })
    .patch("/workspaces/:id/mcp-servers/:serverId", validate("param", ServerParam), validate("json", SetMcpServerEnabledInput), (c) => {
      const { id, serverId } = c.req.valid("param");
      return c.json({ server: servers.setEnabled(id, serverId, c.req.valid("json").isEnabled) });
    })
    .delete("/workspaces/:id/mcp-servers/:serverId", validate("param", ServerParam), (c) => {
      const { id, serverId } = c.req.valid("param");
      servers.remove(id, serverId);
      return c.json({ ok: true as const });
    });
}

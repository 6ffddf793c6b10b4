import { Hono } from "hono";
import { z } from "zod";
import { CreateWorkspaceInput, DeleteWorkspaceHistoryInput, ListDirsQuery, StartInFolderInput, UpdateWorkspaceInput } from "../../../shared/api/inputs.ts";
import { WorkspaceId } from "../../../shared/ids.ts";
import { listFolders } from "../../core/workspaces/folder-browser.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const WorkspaceParam = z.object({ id: WorkspaceId });

/** Folders on the server, workspaces and their settings, and the quick start in a folder. */
export function workspaceRoutes(services: HttpServices) {
  return new Hono()
    .get("/fs/dirs", validate("query", ListDirsQuery), (c) => c.json(listFolders(c.req.valid("query").path)))
    .get("/workspaces", (c) => c.json({ workspaces: services.workspaces.listWorkspaces() }))
    .post("/workspaces", validate("json", CreateWorkspaceInput), async (c) =>
      c.json({ workspace: await services.workspaces.createWorkspace(c.req.valid("json")) }, 201),
    )
    .patch("/workspaces/:id", validate("param", WorkspaceParam), validate("json", UpdateWorkspaceInput), async (c) =>
      c.json({ workspace: await services.workspaces.updateWorkspace(c.req.valid("param").id, c.req.valid("json")) }),
    )
    // Removing keeps what the workspace owns (archived, restorable) and forgets one that owns nothing (ADR 0248);
    // deleting its history is a separate, explicit and counted step.
    .delete("/workspaces/:id", validate("param", WorkspaceParam), async (c) => c.json(await services.workspaces.removeWorkspace(c.req.valid("param").id)))
    .post("/workspaces/:id/restore", validate("param", WorkspaceParam), async (c) =>
      c.json({ workspace: await services.workspaces.restoreWorkspace(c.req.valid("param").id) }),
    )
    // What removing it puts at stake: what it owns (kept, or nothing to keep), its goals and jobs by name, and the terminals it ends.
    .get("/workspaces/:id/history", validate("param", WorkspaceParam), (c) => {
      const id = c.req.valid("param").id;
      const holdings = services.workspaces.holdings(id);
      return c.json({ ...holdings, plans: services.workspaces.plans(id), runningTerminals: services.terminals.countRunning(services.sessions.list(id).map((s) => s.id)) });
    })
    .post("/workspaces/:id/delete-history", validate("param", WorkspaceParam), validate("json", DeleteWorkspaceHistoryInput), async (c) => {
      await services.workspaces.deleteWorkspaceHistory(c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const });
    })
    .get("/workspaces/:id/branches", validate("param", WorkspaceParam), async (c) =>
      c.json(await services.sessions.branches(c.req.valid("param").id)),
    )
    .post("/start", validate("json", StartInFolderInput), async (c) => c.json(await services.workspaces.startInFolder(c.req.valid("json")), 201));
}

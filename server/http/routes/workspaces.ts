import { Hono } from "hono";
import { z } from "zod";
import { CreateSessionInput, CreateWorkspaceInput, ListDirsQuery, StartInFolderInput } from "../../../shared/api/inputs.ts";
import { WorkspaceId } from "../../../shared/ids.ts";
import { listFolders } from "../../core/folder-browser.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Folders, workspaces and sessions. */
export function workspaceRoutes(services: HttpServices) {
  return new Hono()
    .get("/fs/dirs", validate("query", ListDirsQuery), (c) => c.json(listFolders(c.req.valid("query").path)))
    .get("/workspaces", (c) => c.json({ workspaces: services.workspaces.listWorkspaces() }))
    .post("/workspaces", validate("json", CreateWorkspaceInput), (c) =>
      c.json({ workspace: services.workspaces.createWorkspace(c.req.valid("json")) }, 201),
    )
    .get("/sessions", validate("query", z.object({ workspaceId: WorkspaceId.optional() })), (c) =>
      c.json({ sessions: services.workspaces.listSessions(c.req.valid("query").workspaceId) }),
    )
    .post("/sessions", validate("json", CreateSessionInput), (c) =>
      c.json({ session: services.workspaces.createSession(c.req.valid("json")) }, 201),
    )
    .post("/start", validate("json", StartInFolderInput), (c) => c.json(services.workspaces.startInFolder(c.req.valid("json")), 201));
}

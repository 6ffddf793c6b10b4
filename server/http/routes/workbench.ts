import { Hono } from "hono";
import { z } from "zod";
import { ChangedFileQuery, ChangeSideQuery, ChangesQuery, FileQuery, RestoreDeletedInput, SaveFileInput, TreeQuery, WorktreePath } from "../../../shared/api/workbench.ts";
import { SessionId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";
import { attachmentHeaders, sideResponse } from "./change-side-response.ts";

const SessionParam = z.object({ id: SessionId });
const SidesQuery = ChangedFileQuery.extend({ oldPath: WorktreePath.optional() });

/** A session's workbench: its changes (listing, both sides of a file as text, one side as bytes, restoring a deleted one) and its files (tree, open, download, save). */
export function workbenchRoutes(services: HttpServices) {
  const { changes, files } = services.workbench;
  return new Hono()
    .get("/sessions/:id/changes", validate("param", SessionParam), validate("query", ChangesQuery), async (c) => {
      const { scope, path, file, offset } = c.req.valid("query");
      return c.json({ changes: await changes.list(c.req.valid("param").id, scope, { pathFilter: path ?? null, file: file ?? null, offset }) });
    })
    .get("/sessions/:id/changes/paths", validate("param", SessionParam), async (c) => c.json({ paths: await changes.paths(c.req.valid("param").id) }))
    .get("/sessions/:id/changes/file", validate("param", SessionParam), validate("query", SidesQuery), async (c) => {
      const { scope, path, oldPath } = c.req.valid("query");
      return c.json({ sides: await changes.sides(c.req.valid("param").id, scope, path, oldPath ?? null) });
    })
    .get("/sessions/:id/changes/side", validate("param", SessionParam), validate("query", ChangeSideQuery), async (c) => {
      const { scope, path, oldPath, side, download } = c.req.valid("query");
      return sideResponse(await changes.sideBytes(c.req.valid("param").id, scope, path, oldPath ?? null, side), download === "1");
    })
    .post("/sessions/:id/changes/restore", validate("param", SessionParam), validate("json", RestoreDeletedInput), async (c) => {
      const { scope, path } = c.req.valid("json");
      await changes.restoreDeleted(c.req.valid("param").id, scope, path);
      return c.json({ ok: true as const });
    })
    .get("/sessions/:id/files/tree", validate("param", SessionParam), validate("query", TreeQuery), async (c) =>
      c.json(await files.tree(c.req.valid("param").id, c.req.valid("query").showIgnored === "1")),
    )
    .get("/sessions/:id/files/content", validate("param", SessionParam), validate("query", FileQuery), (c) =>
      c.json({ file: files.open(c.req.valid("param").id, c.req.valid("query").path) }),
    )
    .get("/sessions/:id/files/download", validate("param", SessionParam), validate("query", FileQuery), (c) => {
      const file = files.download(c.req.valid("param").id, c.req.valid("query").path);
      return new Response(Bun.file(file.absolute), { headers: attachmentHeaders(file.name) });
    })
    .put("/sessions/:id/files/content", validate("param", SessionParam), validate("json", SaveFileInput), (c) =>
      c.json({ saved: files.save(c.req.valid("param").id, c.req.valid("json")) }),
    );
}

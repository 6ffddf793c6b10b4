import { Hono } from "hono";
import { z } from "zod";
import { CreateTerminalInput, RenameTerminalInput } from "../../../shared/api/inputs.ts";
import { SessionId, TerminalId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const SessionParam = z.object({ id: SessionId });
const TerminalParam = z.object({ id: TerminalId });

/** A session's terminals: list (with those a restart ended), open, rename, kill, restart, close, dismiss an ended one. Their bytes travel on `/ws`. */
export function terminalRoutes({ terminals }: HttpServices) {
  return new Hono()
    .get("/sessions/:id/terminals", validate("param", SessionParam), (c) => {
      const sessionId = c.req.valid("param").id;
      return c.json({ terminals: terminals.list(sessionId), ended: terminals.ended(sessionId) });
    })
    .post("/sessions/:id/terminals", validate("param", SessionParam), validate("json", CreateTerminalInput), (c) =>
      c.json({ terminal: terminals.create(c.req.valid("param").id, c.req.valid("json")) }, 201),
    )
    .patch("/terminals/:id", validate("param", TerminalParam), validate("json", RenameTerminalInput), (c) =>
      c.json({ terminal: terminals.rename(c.req.valid("param").id, c.req.valid("json").name) }),
    )
    .post("/terminals/:id/kill", validate("param", TerminalParam), async (c) => c.json({ terminal: await terminals.kill(c.req.valid("param").id) }))
    .post("/terminals/:id/restart", validate("param", TerminalParam), async (c) =>
      c.json({ terminal: await terminals.restart(c.req.valid("param").id) }),
    )
    .delete("/ended-terminals/:id", validate("param", TerminalParam), (c) => {
      terminals.dismissEnded(c.req.valid("param").id);
      return c.json({ ok: true as const });
    })
    .delete("/terminals/:id", validate("param", TerminalParam), async (c) => {
      await terminals.close(c.req.valid("param").id);
      return c.json({ ok: true as const });
    });
}

import { Hono } from "hono";
import { z } from "zod";
import { AnswerApprovalInput, CliSessionIdText, StartInteractiveClaudeInput } from "../../../shared/api/inputs.ts";
import { SessionId } from "../../../shared/ids.ts";
import { bodyDeadlineMs, bodyLimitFor, readBodyWithin } from "../../lib/body-limits.ts";
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

/**
 * The hooks' own endpoint, outside `/api`: a hook authenticates with its process's secret, not as a device. It
 * answers `{decision}` (null: let the TUI's prompt decide) when a device answers or the wait ends.
 */
export function hookRoutes({ interactive }: HttpServices) {
  return new Hono().post("/hooks/permission-request", async (c) => {
    const secret = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? null;
    // Anyone who reaches the port (a LAN, a tunnel) can call this: a stranger's body is never read, nor waited for.
    interactive.broker.authenticate(secret);
    const limit = bodyLimitFor(c.req.method, c.req.path);
    const body = await readBodyWithin(c.req.raw, limit, bodyDeadlineMs(limit));
    const input = parseObject(new TextDecoder().decode(body));
    // A question may wait for the user far longer than the server's idle timeout.
    (c.env as { server?: { timeout(request: Request, seconds: number): void } } | undefined)?.server?.timeout(c.req.raw, 0);
    const decision = await interactive.broker.request(secret, input, c.req.raw.signal);
    return c.json({ decision });
  });
}

/** The hook's JSON input, or an empty object when it is not a JSON object (the broker then asks about "unknown tool"). */
function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

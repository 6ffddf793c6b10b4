import type { MiddlewareHandler } from "hono";
import { bodyDeadlineMs, bodyLimitFor, readBodyWithin } from "../../lib/body-limits.ts";

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Reads the body within the route's size limit and deadline before any handler parses it (a declared length over
 * the limit is refused unread), and leaves it in Hono's body cache so `c.req.json()` / `parseBody()` use it.
 * Mount it after sign-in, so nobody's body is read before we know who they are.
 */
export function limitBody(deadlineBaseMs?: number): MiddlewareHandler {
  return async (c, next) => {
    if (BODYLESS.has(c.req.method)) return next();
    const limit = bodyLimitFor(c.req.method, c.req.path);
    const declared = Number(c.req.header("content-length"));
    const body = await readBodyWithin(c.req.raw, limit, bodyDeadlineMs(Number.isFinite(declared) ? Math.min(declared, limit) : limit, deadlineBaseMs));
    // Hono keeps promises in its body cache (its types say values).
    c.req.bodyCache.arrayBuffer = Promise.resolve(body) as unknown as ArrayBuffer;
    await next();
  };
}

/**
 * A request refused without reading its body (signed out, too large, no such route) gets `Connection: close`, so the
 * server drops the connection instead of draining whatever the client still sends.
 */
export function closeUnreadBodies(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const hasBody = c.req.raw.body !== null && c.req.header("content-length") !== "0";
    if (hasBody && !c.req.raw.bodyUsed) c.res.headers.set("connection", "close");
  };
}

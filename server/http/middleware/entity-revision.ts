import type { MiddlewareHandler } from "hono";
import { ENTITY_REVISION_HEADER, formatEntityRevision, type EntityRevision } from "../../../shared/protocol/frames.ts";

/**
 * Every GET answer says how many entity changes the sockets had been sent when it was read (`x-chatml-entities`).
 * The count is taken before the handler reads anything, so what the answer holds is at least that: a page that saw
 * the same count in its socket's welcome knows its lists are whole and need not load them again.
 */
export function entityRevisionHeader(current: () => EntityRevision): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET") return next();
    const before = current();
    await next();
    c.header(ENTITY_REVISION_HEADER, formatEntityRevision(before));
  };
}

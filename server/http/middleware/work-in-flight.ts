import type { MiddlewareHandler } from "hono";
import type { WorkInFlight } from "../../lib/work-in-flight.ts";

/** Methods that only read. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every request that changes something (POST, PUT, PATCH, DELETE: a commit, a push, a rewind, a new session…) runs as
 * taken work: refused with a 503 that says why once the server is stopping, and waited for by shutdown before the
 * database closes.
 */
export function trackWork(work: WorkInFlight): MiddlewareHandler {
  return async (c, next) => {
    if (READS.has(c.req.method)) return next();
    await work.run(`${c.req.method} ${c.req.path}`, () => next());
  };
}

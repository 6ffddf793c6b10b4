import type { MiddlewareHandler } from "hono";
import type { DeltaTrace } from "../../lib/delta-trace.ts";

/** Notes each request's arrival and answer in the paced-tail trace (mounted only when the trace is on). */
export function traceRequests(trace: DeltaTrace): MiddlewareHandler {
  return async (c, next) => {
    // Ids are cut out so that the 20 sends of a turn read as one kind of request.
    const what = `${c.req.method} ${new URL(c.req.url).pathname.replace(/\/[^/]*\d[^/]*/g, "/:id")}`;
    trace.mark(`http ${what}`);
    await next();
    trace.mark(`answered ${what}`);
  };
}

import { Hono } from "hono";
import { SearchQuery } from "../../../shared/api/inputs.ts";
import type { SearchAnswer } from "../../../shared/api/search.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Full-text search over every conversation's messages. */
export function searchRoutes(services: HttpServices) {
  return new Hono().get("/search", validate("query", SearchQuery), async (c) => {
    const { q, limit } = c.req.valid("query");
    const answer: SearchAnswer = { results: await services.queries.search.search(q, limit) };
    return c.json(answer);
  });
}

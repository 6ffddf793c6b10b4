import type { BlankEnv, Env } from "hono/types";
import { HonoBase } from "hono/hono-base";
import { LinearRouter } from "hono/router/linear-router";

/**
 * A Hono app whose routes are matched one by one, for the apps a start composes: the outer app and the sign-in,
 * pairing and page routes mounted on it (a handful of routes; the API keeps Hono's default router, ADR 0183). Built
 * from Hono's base class: `Hono` itself brings its default routers (~10 KB: the regular-expression, trie and smart
 * routers), which only the API, loaded after the start, uses (issue 16).
 * @example app.route("/", linearApp().get("/page", (c) => c.text("ok")));
 */
export function linearApp<E extends Env = BlankEnv>(): HonoBase<E> {
  return new HonoBase<E>({ router: new LinearRouter() });
}

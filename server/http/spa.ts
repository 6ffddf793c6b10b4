import { existsSync } from "node:fs";
import { join, normalize } from "node:path";
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AccessPolicy } from "../lib/access-policy.ts";
import { TOKEN_COOKIE } from "../lib/request-auth.ts";
import { authMethod } from "./middleware/security.ts";

const SIGN_IN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ChatML · sign in</title></head><body style="font-family:system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<h1>Sign in to ChatML</h1><p>Open the link ChatML printed in the terminal where it runs (it carries a one-time sign-in token).</p>
</body></html>`;

/** The SPA: `?token=` is exchanged for an HttpOnly cookie and removed from the address bar; everything needs sign-in. */
export function spaRoutes(policy: AccessPolicy, webRoot: string) {
  return new Hono().get("*", async (c) => {
    const token = c.req.query("token");
    if (token !== undefined) {
      if (!policy.isValidToken(token)) return c.html(SIGN_IN_PAGE, 401);
      const isHttps = new URL(c.req.url).protocol === "https:";
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/", secure: isHttps, maxAge: 60 * 60 * 24 * 365 });
      const url = new URL(c.req.url);
      url.searchParams.delete("token");
      return c.redirect(`${url.pathname}${url.search}`, 302);
    }
    if (!authMethod(c, policy)) return c.html(SIGN_IN_PAGE, 401);
    return serveStatic(webRoot, c.req.path);
  });
}

function serveStatic(webRoot: string, path: string): Response {
  const relative = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, "");
  const candidate = join(webRoot, relative);
  const isInside = candidate.startsWith(webRoot);
  if (isInside && relative !== "/" && existsSync(candidate) && !candidate.endsWith("/")) {
    const isHashed = relative.startsWith("/assets/");
    return new Response(Bun.file(candidate), { headers: { "cache-control": isHashed ? "public, max-age=31536000, immutable" : "no-cache" } });
  }
  const index = join(webRoot, "index.html");
  if (!existsSync(index)) {
    return new Response("The web app is not built. Run `bun run build` (or start ChatML with `bun run start`).", { status: 503 });
  }
  return new Response(Bun.file(index), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" } });
}

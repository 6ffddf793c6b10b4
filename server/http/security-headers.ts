import type { MiddlewareHandler } from "hono";

/**
 * The one inline script the app has: web/index.html's, which applies the stored theme before the first paint (a
 * module script runs after it). Allowed by its hash; `security-headers.test.ts` fails with the new one if it changes.
 */
export const THEME_SCRIPT_HASH = "'sha256-ZhtkFvanuMypIKEF0caspRwvlbfAkVosQctAItyiRCA='";

/**
 * The Content-Security-Policy of every response: the SPA's own scripts only (no eval; inline only the theme script, by
 * its hash), no framing by anyone (clickjacking on Allow / Deny), no plugins, forms and <base> only to ourselves.
 * Styles allow inline because the editor, terminal and charts inject <style> elements at run time; images allow
 * data:/blob: for pasted images.
 * The WebSocket is named explicitly (older Safari does not count ws: as 'self').
 */
export function contentSecurityPolicy(host: string | null): string {
  const sockets = host ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' ${THEME_SCRIPT_HASH}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "media-src 'self' blob:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries besides the CSP. */
export const SECURITY_HEADERS: Record<string, string> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "cross-origin-opener-policy": "same-origin",
};

/** No URL of ours (sign-in links, conversation ids) goes to another site in a Referer. */
export const REFERRER_POLICY = "no-referrer";

/**
 * For a page whose form posts to us: with `no-referrer`, browsers send `Origin: null` on form posts, which our
 * same-origin check must refuse. `same-origin` still sends nothing to other sites.
 */
export const FORM_PAGE_REFERRER_POLICY = "same-origin";

/** Sets the CSP and the other security headers on every response of the Hono app. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // Responses made with Response.redirect() / Response.error() have immutable headers: copy those first.
    if (!hasMutableHeaders(c.res)) c.res = new Response(c.res.body, c.res);
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    if (headers.get("referrer-policy") !== FORM_PAGE_REFERRER_POLICY) headers.set("referrer-policy", REFERRER_POLICY);
    // A route's own policy (a sandbox for files it serves) is kept as a second one: browsers enforce both, so a route
    // can only narrow the app's policy, never widen it.
    const routePolicy = headers.get("content-security-policy");
    // The Host header is checked before this runs (the allowlist), so it is one of our names.
    headers.set("content-security-policy", contentSecurityPolicy(c.req.header("host") ?? null));
    if (routePolicy) headers.append("content-security-policy", routePolicy);
  };
}

function hasMutableHeaders(response: Response): boolean {
  try {
    response.headers.set("x-content-type-options", "nosniff");
    return true;
  } catch {
    return false;
  }
}

/** A plain-text answer for requests refused before they reach the app (bad Host, errors): no page, no details. */
export function plainResponse(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", connection: "close" },
  });
}

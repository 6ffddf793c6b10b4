import { linearApp } from "../linear-app.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { RemoteAccess } from "../../core/remote/remote-access.ts";
import { readCredentials } from "../../lib/request-auth.ts";
import { setDeviceCookie } from "../middleware/device-cookie.ts";
import { clientOf, isSignedIn, principalOf } from "../middleware/security.ts";
import { signInLinkFailedPage, signInPage } from "../pages.ts";
import { sameOriginPath } from "../safe-redirect.ts";

/** Where sign-in links point; `next` (optional) is a same-origin path to land on. */
export const SIGN_IN_PATH = "/sign-in";

/** The link for a fresh one-time code on `origin`. */
export function signInLink(origin: string, code: string): string {
  return `${origin.replace(/\/$/, "")}${SIGN_IN_PATH}?code=${code}`;
}

/**
 * `GET /sign-in?code=`: uses the one-time code at once (so the address in the history is spent), signs this browser in
 * (as the device it already is, when it holds an active one's cookie; else as a new one) and redirects to a path on this origin, which also replaces the URL. No code: the sign-in page.
 */
export function signInPages(remote: RemoteAccess) {
  return linearApp().get(SIGN_IN_PATH, (c) => {
    c.header("cache-control", "no-store");
    const code = c.req.query("code");
    const next = sameOriginPath(c.req.query("next"));
    if (!code) return c.html(signInPage(), 401);
    // A HEAD is a link checker or previewer (a chat app unfurling the link, a mail scanner), never the browser that
    // follows it: answered without using the code, or the one-time link was spent (and that checker signed in) first.
    if (c.req.method === "HEAD") return c.body(null, 200, { "content-type": "text/html; charset=utf-8" });
    const { address } = clientOf(c);
    try {
      const heldCookie = readCredentials(c.req.raw.headers).deviceCookie;
      const { cookie } = remote.pairing.redeem(code, { userAgent: c.req.header("user-agent") ?? null, address, heldCookie });
      setDeviceCookie(c, cookie);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (isSignedIn(c, remote.gate)) return c.redirect(next, 303);
      return c.html(signInLinkFailedPage(error.message), error.code === "rate_limited" ? 429 : 401);
    }
  });
}

/** `POST /api/auth/sign-in-links`: a fresh one-time sign-in link on the caller's origin (for `chatml login-link`). */
export function signInLinkRoutes(remote: RemoteAccess) {
  return linearApp().post("/auth/sign-in-links", (c) => {
    const principal = principalOf(c);
    const { code, expiresAt } = remote.pairing.create(principal.kind === "device" ? principal.device.id : null);
    return c.json({ url: signInLink(new URL(c.req.url).origin, code), expiresAt });
  });
}

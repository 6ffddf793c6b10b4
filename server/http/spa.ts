import type { Context } from "hono";
import { linearApp } from "./linear-app.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import type { RemoteAccess } from "../core/remote/remote-access.ts";
import { readCredentials } from "../lib/request-auth.ts";
import { clearDeviceCookie } from "./middleware/device-cookie.ts";
import { authenticate, isSignedIn } from "./middleware/security.ts";
import { signInPage } from "./pages.ts";
import { sameOriginPath } from "./safe-redirect.ts";
import { cacheControlFor, StaticFiles } from "./static-files.ts";

/**
 * Files a signed-out browser may fetch: the manifest and icons (fetched without cookies), the service worker, and the
 * sign-in page's script that keeps the screen asked for through the sign-in (ADR 0251).
 */
const PUBLIC_FILES = /^\/(manifest\.webmanifest|sw\.js|keep-route\.js|apple-touch-icon\.png|favicon\.(svg|ico|png)|icons\/[a-z0-9-]+\.(png|svg))$/;

/** The SPA for signed-in browsers; signed-out ones get the sign-in page (the manifest, icons and worker are public). */
export function spaRoutes(remote: RemoteAccess, webRoot: string) {
  const files = new StaticFiles(webRoot);
  return linearApp().get("*", async (c) => {
    if (PUBLIC_FILES.test(c.req.path)) return serveStatic(files, c);
    // An old-style link carrying the owner token no longer signs in. It leaves the address (and the tab's history)
    // before any page is shown: the sign-in page kept it in the address bar, and the token is the owner's key. A
    // signed-out browser is told why by a marker in its place; the hash (a screen to open after sign-in) stays.
    if (c.req.query("token") !== undefined) {
      c.header("cache-control", "no-store");
      return c.redirect(withoutToken(c.req.url, isSignedIn(c, remote.gate) ? null : LEGACY_LINK_MARKER), 303);
    }
    const refusal = refuseSignedOut(c, remote);
    if (refusal) return refusal;
    return serveStatic(files, c);
  });
}

/** Query parameter (`?signin=token-link`) standing for the token a signed-out browser's link carried. */
const LEGACY_LINK_MARKER = { name: "signin", value: "token-link" } as const;

function withoutToken(requestUrl: string, marker: typeof LEGACY_LINK_MARKER | null): string {
  const url = new URL(requestUrl);
  url.searchParams.delete("token");
  if (marker) url.searchParams.set(marker.name, marker.value);
  return sameOriginPath(`${url.pathname}${url.search}`);
}

const LEGACY_TOKEN_LINK = "Links that carry the token (?token=…) no longer sign in: each sign-in link now works once.";

function refuseSignedOut(c: Context, remote: RemoteAccess): Response | null {
  try {
    authenticate(c, remote.gate);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const status = error.code === "rate_limited" ? 429 : 401;
    const presented = readCredentials(c.req.raw.headers);
    if (presented.deviceCookie !== null) clearDeviceCookie(c);
    c.header("cache-control", "no-store");
    const isLegacyLink = c.req.query(LEGACY_LINK_MARKER.name) === LEGACY_LINK_MARKER.value;
    const reason = presented.deviceCookie !== null || status === 429 ? error.message : isLegacyLink ? LEGACY_TOKEN_LINK : undefined;
    return c.html(signInPage(reason), status);
  }
}

function serveStatic(files: StaticFiles, c: Context): Response {
  const path = c.req.path;
  const acceptEncoding = c.req.header("accept-encoding");
  const file = files.resolve(path);
  if (file) return files.serve(file, acceptEncoding, cacheControlFor(path));
  // A build file that is not there is a page of an older build asking for its chunk: the app's page in its place, with
  // a 200, would be cached by the service worker under the chunk's name (and fail the import all the same).
  if (PUBLIC_FILES.test(path) || path.startsWith("/assets/")) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return files.index(acceptEncoding) ?? new Response("The web app is not built. Run `bun run build` (or start ChatML with `bun run start`).", { status: 503 });
}

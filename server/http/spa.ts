import { Hono, type Context } from "hono";
import { AppError } from "../../shared/protocol/errors.ts";
import type { RemoteAccess } from "../core/remote/remote-access.ts";
import { readCredentials } from "../lib/request-auth.ts";
import { clearDeviceCookie, setDeviceCookie } from "./middleware/device-cookie.ts";
import { authenticate, clientOf } from "./middleware/security.ts";
import { signInPage } from "./pages.ts";
import { cacheControlFor, StaticFiles } from "./static-files.ts";

/** Files a signed-out browser may fetch: the manifest and icons (fetched without cookies) and the service worker. */
const PUBLIC_FILES = /^\/(manifest\.webmanifest|sw\.js|apple-touch-icon\.png|favicon\.(svg|ico|png)|icons\/[a-z0-9-]+\.(png|svg))$/;

/** The SPA: `?token=` signs this browser in as a new device (cookie) and leaves the address bar; the rest needs sign-in. */
export function spaRoutes(remote: RemoteAccess, webRoot: string) {
  const files = new StaticFiles(webRoot);
  return new Hono().get("*", async (c) => {
    if (PUBLIC_FILES.test(c.req.path)) return serveStatic(files, c);
    const token = c.req.query("token");
    if (token !== undefined) return exchangeToken(c, remote, token);
    const refusal = refuseSignedOut(c, remote);
    return refusal ?? serveStatic(files, c);
  });
}

function exchangeToken(c: Context, remote: RemoteAccess, token: string): Response {
  const { address } = clientOf(c);
  try {
    if (!remote.gate.checkStartToken(token, address)) return c.html(signInPage("That sign-in link is not valid (the token may have been rotated)."), 401);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return c.html(signInPage(error.message), 429);
    throw error;
  }
  const { device, cookie } = remote.devices.create({ userAgent: c.req.header("user-agent") ?? null, address });
  console.log(`[security] signed in a new device ${device.id} (${device.name}) from ${address} with the start token`);
  setDeviceCookie(c, cookie);
  const url = new URL(c.req.url);
  url.searchParams.delete("token");
  return c.redirect(`${url.pathname}${url.search}`, 302);
}

function refuseSignedOut(c: Context, remote: RemoteAccess): Response | null {
  try {
    authenticate(c, remote.gate);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const status = error.code === "rate_limited" ? 429 : 401;
    const presented = readCredentials(c.req.raw.headers);
    if (presented.deviceCookie !== null && status === 401) clearDeviceCookie(c);
    return c.html(signInPage(presented.deviceCookie !== null || status === 429 ? error.message : undefined), status);
  }
}

function serveStatic(files: StaticFiles, c: Context): Response {
  const path = c.req.path;
  const acceptEncoding = c.req.header("accept-encoding");
  const file = files.resolve(path);
  if (file) return files.serve(file, acceptEncoding, cacheControlFor(path));
  if (PUBLIC_FILES.test(path)) return new Response("Not found", { status: 404 });
  return files.index(acceptEncoding) ?? new Response("The web app is not built. Run `bun run build` (or start ChatML with `bun run start`).", { status: 503 });
}

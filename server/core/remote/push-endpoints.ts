import { AppError } from "../../../shared/protocol/errors.ts";

/** The browsers' push services: Chrome and the Chromium family (FCM), Firefox (Mozilla), Safari (Apple), Edge (WNS). */
const PUSH_HOSTS = ["fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

/**
 * Whether the server may POST to this subscription endpoint: https on the default port to a real push service (a host
 * or a subdomain of one), or one of `extraOrigins` exactly. Anything else would let a signed-in page make the server
 * send requests anywhere (the LAN, loopback services) with a body it partly controls.
 */
export function isAllowedPushEndpoint(endpoint: string, extraOrigins: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    console.warn(`[push] unparsable endpoint: ${String(error)}`);
    return false;
  }
  if (extraOrigins.includes(url.origin)) return true;
  if (url.protocol !== "https:" || url.port !== "" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return PUSH_HOSTS.some((known) => host === known || host.endsWith(`.${known}`));
}

/** Throws `bad_request` for an endpoint {@link isAllowedPushEndpoint} refuses. */
export function assertPushEndpoint(endpoint: string, extraOrigins: readonly string[] = []): void {
  if (!isAllowedPushEndpoint(endpoint, extraOrigins)) {
    throw new AppError("bad_request", "A push endpoint must be an https address of a browser push service (FCM, Mozilla, Apple, Windows).");
  }
}

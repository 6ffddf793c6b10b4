/** The legacy sign-in cookie that held the start token itself (still accepted until the token is rotated). */
export const TOKEN_COOKIE = "chatml_token";
/** The per-device sign-in cookie: `<deviceId>.<secret>`. */
export const DEVICE_COOKIE = "chatml_device";

/** The credentials a request carries; none of them checked yet. */
export type Credentials = { bearer: string | null; tokenCookie: string | null; deviceCookie: string | null };

/** Reads the Bearer header and the sign-in cookies. */
export function readCredentials(headers: Headers): Credentials {
  const header = headers.get("authorization");
  const cookies = headers.get("cookie");
  return {
    bearer: header?.startsWith("Bearer ") ? header.slice(7).trim() : null,
    tokenCookie: readCookie(cookies, TOKEN_COOKIE),
    deviceCookie: readCookie(cookies, DEVICE_COOKIE),
  };
}

/** True when the request presents any credential at all (requests with none are not failed sign-ins). */
export function hasCredentials(credentials: Credentials): boolean {
  return credentials.bearer !== null || credentials.tokenCookie !== null || credentials.deviceCookie !== null;
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(";")) {
    const [key, ...rest] = pair.trim().split("=");
    if (key !== name) continue;
    const raw = rest.join("=");
    try {
      return decodeURIComponent(raw);
    } catch (error) {
      console.warn(`[security] malformed ${name} cookie: ${String(error)}`);
      return raw;
    }
  }
  return null;
}

/** Where a request comes from and whether it arrived over HTTPS (directly, or per a trusted proxy's headers). */
export type RequestOrigin = { address: string; isSecure: boolean };

/**
 * The client's address and scheme. With `trustProxy`, the nearest proxy's X-Forwarded-For entry and
 * X-Forwarded-Proto are believed; otherwise only the socket's peer and the URL's scheme.
 */
export function requestOrigin(request: Request, peer: string | null, trustProxy: boolean): RequestOrigin {
  const isTls = new URL(request.url).protocol === "https:";
  if (!trustProxy) return { address: peer ?? "unknown", isSecure: isTls };
  const forwarded = request.headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return { address: forwarded ?? peer ?? "unknown", isSecure: isTls || proto === "https" };
}

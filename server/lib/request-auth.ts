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

/** Whose X-Forwarded-* headers are believed: none, or those of proxies connecting from loopback or `addresses`. */
export type ProxyTrust = { isEnabled: boolean; addresses: string[] };

export const NO_PROXY: ProxyTrust = { isEnabled: false, addresses: [] };

/**
 * The client's address and scheme. X-Forwarded-For / -Proto are believed only with `--trust-proxy` and only when the
 * socket's peer is a trusted proxy (loopback, or a `--trusted-proxy` address): anyone else could rotate or spoof them.
 * The client is the nearest X-Forwarded-For entry that is not itself a trusted proxy.
 */
export function requestOrigin(request: Request, peer: string | null, trust: ProxyTrust): RequestOrigin {
  const isTls = new URL(request.url).protocol === "https:";
  if (!trust.isEnabled || peer === null || !isTrustedProxy(peer, trust)) return { address: peer ?? "unknown", isSecure: isTls };
  const hops = request.headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean) ?? [];
  let address = peer;
  for (const hop of hops.reverse()) {
    address = hop;
    if (!isTrustedProxy(hop, trust)) break;
  }
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return { address, isSecure: isTls || proto === "https" };
}

/** Loopback peers, or one of the configured proxy addresses (IPv4-mapped IPv6 compared as IPv4). */
export function isTrustedProxy(address: string, trust: ProxyTrust): boolean {
  const plain = address.replace(/^::ffff:/i, "").replace(/^\[|\]$/g, "").toLowerCase();
  if (plain === "::1" || /^127\.\d+\.\d+\.\d+$/.test(plain)) return true;
  return trust.addresses.some((trusted) => trusted.replace(/^::ffff:/i, "").toLowerCase() === plain);
}

import type { AccessPolicy } from "./access-policy.ts";

export const TOKEN_COOKIE = "chatml_token";

/** How a request proves the token: a Bearer header (scripts) or the HttpOnly sign-in cookie (browsers). */
export function authMethodFromHeaders(headers: Headers, policy: AccessPolicy): "bearer" | "cookie" | null {
  const header = headers.get("authorization");
  if (header?.startsWith("Bearer ") && policy.isValidToken(header.slice(7).trim())) return "bearer";
  const cookie = readCookie(headers.get("cookie"), TOKEN_COOKIE);
  if (cookie && policy.isValidToken(cookie)) return "cookie";
  return null;
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(";")) {
    const [key, ...rest] = pair.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

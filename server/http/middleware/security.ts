import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { AccessPolicy } from "../../lib/access-policy.ts";
import { authMethodFromHeaders } from "../../lib/request-auth.ts";

/** Refuses requests whose Host header is not one of ours (DNS rebinding). */
export function hostAllowlist(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!policy.isAllowedHost(c.req.header("host"))) {
      console.warn(`[security] refused Host ${JSON.stringify(c.req.header("host"))} for ${c.req.method} ${c.req.path}`);
      throw new AppError("forbidden", "This Host is not allowed. Open ChatML through the address it printed.");
    }
    await next();
  };
}

/** True when the request carries the token as a Bearer header or the sign-in cookie. */
export function authMethod(c: Context, policy: AccessPolicy): "bearer" | "cookie" | null {
  return authMethodFromHeaders(c.req.raw.headers, policy);
}

/** Every API request needs the token; state-changing ones from a browser must also come from our own Origin. */
export function requireAuth(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const method = authMethod(c, policy);
    if (!method) throw new AppError("unauthorized", "Sign in first: open the link ChatML printed in the terminal.");
    const isStateChanging = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    const origin = c.req.header("origin");
    const isOriginOk = origin === undefined ? method === "bearer" : policy.isAllowedOrigin(origin);
    if (isStateChanging && !isOriginOk) {
      console.warn(`[security] refused ${c.req.method} ${c.req.path} from Origin ${JSON.stringify(origin ?? null)}`);
      throw new AppError("forbidden", "Cross-site requests are not allowed.");
    }
    await next();
  };
}

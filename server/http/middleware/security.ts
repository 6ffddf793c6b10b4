import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { AuthGate, Principal } from "../../core/remote/auth-gate.ts";
import type { AccessPolicy } from "../../lib/access-policy.ts";
import { NO_PROXY, readCredentials, requestOrigin, type RequestOrigin } from "../../lib/request-auth.ts";

/** What the Bun fetch handler passes to the Hono app besides the request. */
export type AppEnv = { client?: RequestOrigin };

const principals = new WeakMap<Request, Principal>();

/** The client's address and whether it reached us over HTTPS (set by the socket layer; a safe default otherwise). */
export function clientOf(c: Context): RequestOrigin {
  return (c.env as AppEnv | undefined)?.client ?? requestOrigin(c.req.raw, null, NO_PROXY);
}

/** Who the request acts for; only after {@link requireAuth}. */
export function principalOf(c: Context): Principal {
  const principal = principals.get(c.req.raw);
  if (!principal) throw new AppError("unauthorized", "Sign in first.");
  return principal;
}

/** The device a request comes from, or a clear error for the Bearer token (scripts are not devices). */
export function deviceIdOf(c: Context): string {
  const principal = principalOf(c);
  if (principal.kind !== "device") throw new AppError("bad_request", "This needs a signed-in browser device, not the start token.");
  return principal.device.id;
}

/** Refuses requests whose Host header is not one of ours (DNS rebinding). */
export function hostAllowlist(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!policy.isAllowedHost(c.req.header("host"))) {
      console.warn(`[security] refused Host ${JSON.stringify(c.req.header("host"))} for ${c.req.method} ${c.req.path} from ${clientOf(c).address}`);
      throw new AppError("forbidden", "This Host is not allowed. Open ChatML through the address it printed.");
    }
    await next();
  };
}

/** Authenticates a request (Bearer, device cookie or legacy token cookie); throws unauthorized or rate_limited. */
export function authenticate(c: Context, gate: AuthGate): Principal {
  const principal = gate.authenticate(readCredentials(c.req.raw.headers), clientOf(c).address);
  principals.set(c.req.raw, principal);
  return principal;
}

/**
 * True when the browser opening a sign-in or pairing page already holds a valid credential: a spent or expired link
 * reopened from its history (or submitted twice) takes it to the app, not to an error about a link it no longer needs.
 */
export function isSignedIn(c: Context, gate: AuthGate): boolean {
  try {
    return gate.authenticateIfPresented(readCredentials(c.req.raw.headers), clientOf(c).address) !== null;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** True when a state-changing request comes from one of our Origins (or from a script with no Origin). */
export function isSameOriginRequest(c: Context, policy: AccessPolicy, principal: Principal | null): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined) return principal?.kind === "owner" && c.req.header("authorization") !== undefined;
  return policy.isAllowedOrigin(origin);
}

/** Every API request needs sign-in; state-changing ones from a browser must also come from our own Origin. */
export function requireAuth(policy: AccessPolicy, gate: AuthGate): MiddlewareHandler {
  return async (c, next) => {
    const principal = authenticate(c, gate);
    const isStateChanging = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    if (isStateChanging && !isSameOriginRequest(c, policy, principal)) {
      console.warn(`[security] refused ${c.req.method} ${c.req.path} from Origin ${JSON.stringify(c.req.header("origin") ?? null)}`);
      throw new AppError("forbidden", "Cross-site requests are not allowed.");
    }
    await next();
  };
}

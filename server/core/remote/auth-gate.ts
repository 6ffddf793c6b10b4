import { AppError } from "../../../shared/protocol/errors.ts";
import { hasCredentials, type Credentials } from "../../lib/request-auth.ts";
import type { SignInToken } from "../../lib/sign-in-token.ts";
import type { DeviceService, DeviceView } from "./device-service.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/** Who a request acts for: the owner's start token (scripts, legacy cookie) or one signed-in device. */
export type Principal = { kind: "owner" } | { kind: "device"; device: DeviceView };

type Deps = { token: SignInToken; devices: DeviceService; limiter: RateLimiter };

/**
 * The one place credentials are checked. Wrong credentials count against the client's address; an address over
 * the limit is refused (429) whatever it presents until its window ends. Requests with no credentials at all are
 * plain 401s and do not count (a fresh browser opening the app is not an attack).
 */
export class AuthGate {
  constructor(private readonly deps: Deps) {}

  /** The principal the credentials prove, or an `unauthorized` / `rate_limited` error. */
  authenticate(credentials: Credentials, address: string): Principal {
    if (!hasCredentials(credentials)) throw new AppError("unauthorized", "Sign in first: open the link ChatML printed in the terminal, or pair this device.");
    this.assertNotLimited(address);
    const { bearer, tokenCookie, deviceCookie } = credentials;
    if (bearer !== null && this.deps.token.isValid(bearer)) return { kind: "owner" };
    if (deviceCookie !== null) {
      const device = this.deps.devices.verify(deviceCookie, address);
      if (device) return { kind: "device", device };
    }
    if (tokenCookie !== null && this.deps.token.isValid(tokenCookie)) return { kind: "owner" };
    this.fail(address, "a wrong token or a revoked or unknown device cookie");
    throw new AppError("unauthorized", "This device is not signed in (it may have been signed out). Open a new sign-in or pairing link.");
  }

  /** Checks the start token from a sign-in link. */
  checkStartToken(candidate: string, address: string): boolean {
    this.assertNotLimited(address);
    if (this.deps.token.isValid(candidate)) return true;
    this.fail(address, "a wrong start token");
    return false;
  }

  /** Refuses an address that has used up its failures. */
  assertNotLimited(address: string): void {
    const retryAfterMs = this.deps.limiter.retryAfterMs(address);
    if (retryAfterMs > 0) {
      throw new AppError("rate_limited", `Too many failed sign-ins from ${address}. Try again in ${Math.ceil(retryAfterMs / 60_000)} min.`, {
        retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
      });
    }
  }

  /** Records a failed sign-in (also used by pairing for bad codes). */
  fail(address: string, what: string): void {
    console.warn(`[security] failed sign-in from ${address}: ${what}`);
    this.deps.limiter.recordFailure(address);
  }
}

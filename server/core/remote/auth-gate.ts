import { AppError } from "../../../shared/protocol/errors.ts";
import { hasCredentials, type Credentials } from "../../lib/request-auth.ts";
import type { SignInToken } from "../../lib/sign-in-token.ts";
import type { DeviceService, DeviceView } from "./device-service.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/** Who a request acts for: the owner's start token (scripts, legacy cookie) or one signed-in device. */
export type Principal = { kind: "owner" } | { kind: "device"; device: DeviceView };

type Deps = { token: SignInToken; devices: DeviceService; limiter: RateLimiter };

const NOT_SIGNED_IN = "This device is not signed in (it may have been signed out). Open a new sign-in or pairing link.";

/**
 * The one place credentials are checked. A valid credential always works, whatever the address has done before:
 * a lock-out must never lock out the people who hold a key (anyone can make a victim's browser send wrong ones).
 * Only wrong credentials count; once an address has used up its budget, its wrong guesses get 429 instead of 401.
 * Requests with no credentials at all are plain 401s and do not count (a fresh browser opening the app is no attack).
 */
export class AuthGate {
  constructor(private readonly deps: Deps) {}

  /** The principal the credentials prove, or an `unauthorized` / `rate_limited` error. */
  authenticate(credentials: Credentials, address: string): Principal {
    if (!hasCredentials(credentials)) throw new AppError("unauthorized", "Sign in first: open the link ChatML printed in the terminal, or pair this device.");
    const principal = this.verify(credentials, address);
    if (principal) return principal;
    const signedOut = this.whySignedOut(credentials);
    // A signed-out device's own cookie is no guess (only its holder has the secret), as a used link is not: counted, a
    // page left open on it (its socket retrying) would spend its address's budget and then hear only "too many".
    if (signedOut && credentials.bearer === null && credentials.tokenCookie === null) throw new AppError("unauthorized", signedOut);
    this.fail(address, "a wrong token or a revoked or unknown device cookie");
    throw new AppError("unauthorized", signedOut ?? NOT_SIGNED_IN);
  }

  /** A signed-out device is told so plainly (when, and how to get back in) instead of a generic "not signed in". */
  private whySignedOut({ deviceCookie }: Credentials): string | null {
    const revoked = deviceCookie === null ? null : this.deps.devices.revocationOf(deviceCookie);
    if (!revoked) return null;
    const when = new Date(revoked.revokedAt).toISOString().replace("T", " ").slice(0, 16);
    return `This device (${revoked.name}) was signed out at ${when} UTC: on a Devices screen (this device's own Sign out, or Revoke on another device), or by rotating the sign-in token, which signs every device out. To use it again, pair it from a signed-in device (Devices → Pair a device) or open a new sign-in link (run bunx chatml login-link on the computer running ChatML).`;
  }

  /** Like {@link authenticate} but null for a request that presents no credential (nothing is counted then). */
  authenticateIfPresented(credentials: Credentials, address: string): Principal | null {
    if (!hasCredentials(credentials)) return null;
    return this.authenticate(credentials, address);
  }

  /**
   * Records a failed sign-in (wrong token, cookie, sign-in or pairing code) and throws `rate_limited` when the address
   * has used up its budget; the caller then answers its own `unauthorized`.
   */
  fail(address: string, what: string): void {
    const wasLimited = this.deps.limiter.retryAfterMs(address) > 0;
    this.deps.limiter.recordFailure(address);
    const retryAfterMs = this.deps.limiter.retryAfterMs(address);
    // Once an address is over its budget, its further failures are not logged one by one (they would flood the log).
    if (!wasLimited) console.warn(`[security] failed sign-in from ${address}: ${what}${retryAfterMs > 0 ? " (limit reached)" : ""}`);
    if (retryAfterMs > 0) {
      throw new AppError("rate_limited", `Too many failed sign-ins from ${address}. Try again in ${Math.ceil(retryAfterMs / 60_000)} min.`, {
        retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
      });
    }
  }

  private verify({ bearer, tokenCookie, deviceCookie }: Credentials, address: string): Principal | null {
    if (bearer !== null && this.deps.token.isValid(bearer)) return { kind: "owner" };
    if (deviceCookie !== null) {
      const device = this.deps.devices.verify(deviceCookie, address);
      if (device) return { kind: "device", device };
    }
    if (tokenCookie !== null && this.deps.token.isValid(tokenCookie)) return { kind: "owner" };
    return null;
  }
}

import { AppError } from "../../../shared/protocol/errors.ts";
import { randomToken } from "../../lib/sign-in-token.ts";
import type { PairingRepo, RedeemFailure, StoredCode } from "../../persistence/pairing-repo.ts";
import type { AuthGate } from "./auth-gate.ts";
import { hashSecret, type DeviceService, type DeviceView } from "./device-service.ts";

/** How long a pairing link (and a sign-in link) works. */
export const PAIRING_TTL_MS = 5 * 60_000;

/** Why a code failed; the pages around it say how to get a new link. */
const FAILURE_TEXT: Record<RedeemFailure, string> = {
  unknown: "This link is not valid.",
  expired: `This link has expired (links work for ${PAIRING_TTL_MS / 60_000} minutes).`,
  used: "This link was already used (each link works once).",
};

type Deps = { repo: PairingRepo; devices: DeviceService; gate: AuthGate; now?: () => number };

/**
 * One-time codes that sign a browser in as a new device with its own cookie: the link ChatML prints or opens at
 * start (`/sign-in?code=`), `chatml login-link`, and the pairing links a signed-in device makes for another one
 * (`/pair?code=`). Only a code's hash is stored; a code works once, for {@link PAIRING_TTL_MS}.
 */
export class PairingService {
  private readonly now: () => number;

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? Date.now;
    // A link a device made dies with its sign-in: otherwise a revoked device could still let a new one in.
    deps.devices.onRevoke((ids) => deps.repo.expireUnused(ids));
  }

  /**
   * The signed-in device a link (named by its {@link create}d `id`) signed in, or null while unused: the device that
   * made it learns "paired" even when the browser was a device already (no new row appears then).
   */
  signedInWith(id: string): DeviceView | null {
    const deviceId = this.deps.repo.usedBy(id);
    return deviceId ? this.deps.devices.get(deviceId) : null;
  }

  /** A fresh code (only its hash is stored), the id its use is asked by (that hash), and its expiry. */
  create(createdBy: string | null): { code: string; id: string; expiresAt: number } {
    this.deps.repo.prune();
    const code = randomToken();
    const createdAt = this.now();
    const expiresAt = createdAt + PAIRING_TTL_MS;
    const id = hashSecret(code);
    this.deps.repo.create(id, createdBy, createdAt, expiresAt);
    return { code, id, expiresAt };
  }

  /** Ends every unused code, the owner's too (everyone is signed out: the token was rotated). */
  expireAll(): void {
    this.deps.repo.expireUnused(null);
  }

  /** Why the code cannot be used (without using it), or null; a code that never existed counts as a failed sign-in. */
  check(code: string, address: string): string | null {
    const codeHash = hashSecret(code);
    const failure = this.deps.repo.check(codeHash);
    if (failure) this.countFailure(failure, address);
    return failure ? this.explain(failure, codeHash) : null;
  }

  /**
   * Uses the code once and signs the browser in; throws `unauthorized` (or `rate_limited`) for a bad code. A browser
   * that still holds an active device's cookie (`heldCookie`) signs in again as that device, so signing in twice on one
   * browser leaves one row; a revoked or unknown cookie never comes back to life: that browser becomes a new device.
   */
  redeem(
    code: string,
    input: { userAgent: string | null; address: string; name?: string; heldCookie?: string | null },
  ): { device: DeviceView; cookie: string; isNew: boolean } {
    const codeHash = hashSecret(code);
    const failure = this.deps.repo.redeem(codeHash);
    if (failure) {
      this.countFailure(failure, input.address);
      throw new AppError("unauthorized", this.explain(failure, codeHash), { reason: failure });
    }
    const held = input.heldCookie ? this.deps.devices.signInAgain(input.heldCookie, input) : null;
    if (held) {
      this.deps.repo.setUsedBy(codeHash, held.id);
      console.log(`[security] device ${held.id} (${held.name}) signed in again from ${input.address} with a one-time code`);
      return { device: held, cookie: input.heldCookie as string, isNew: false };
    }
    const { device, cookie } = this.deps.devices.create(input);
    this.deps.repo.setUsedBy(codeHash, device.id);
    console.log(`[security] signed in a new device ${device.id} (${device.name}) from ${input.address} with a one-time code`);
    return { device, cookie, isNew: true };
  }

  /** Why a code failed; a link that ended before its time says what ended it (not that it expired). */
  private explain(failure: RedeemFailure, codeHash: string): string {
    const ended = failure === "expired" ? endedEarly(this.deps.repo.find(codeHash)) : null;
    return ended ?? FAILURE_TEXT[failure];
  }

  /**
   * Only codes that never existed are guesses. Someone opening a used or expired link held a real code; counting that
   * would let a browser's history or a link previewer spend the budget. Throws `rate_limited` over the budget.
   */
  private countFailure(failure: RedeemFailure, address: string): void {
    if (failure === "unknown") this.deps.gate.fail(address, "an unknown sign-in or pairing code");
  }
}

/**
 * Why a code that reads as expired stopped working before its time, or null when it simply expired. Only two things
 * end a code early: the device that made it was signed out, or the sign-in token was rotated (which ends every link).
 */
function endedEarly(code: StoredCode | null): string | null {
  // A second's slack: codes stored before `created_at` and `expires_at` came from one reading of the clock.
  if (!code || code.expiresAt - code.createdAt > PAIRING_TTL_MS - 1000) return null;
  // Rotation signs the maker out too: only what ended the link tells the two apart (older links are told by the maker).
  const isSignOut = code.endedBy ? code.endedBy === "sign-out" : code.maker?.revokedAt != null;
  if (isSignOut && code.maker) return `This link no longer works: the device that made it (${code.maker.name}) was signed out.`;
  return "This link no longer works: the sign-in token was rotated, which signed every device out and ended every link.";
}

import { AppError } from "../../../shared/protocol/errors.ts";
import { randomToken } from "../../lib/sign-in-token.ts";
import type { PairingRepo, RedeemFailure } from "../../persistence/pairing-repo.ts";
import type { AuthGate } from "./auth-gate.ts";
import { hashSecret, type DeviceService, type DeviceView } from "./device-service.ts";

/** How long a pairing link works. */
export const PAIRING_TTL_MS = 5 * 60_000;

const FAILURE_TEXT: Record<RedeemFailure, string> = {
  unknown: "This pairing link is not valid. Create a new one on a signed-in device.",
  expired: "This pairing link has expired. Create a new one on a signed-in device.",
  used: "This pairing link was already used. Create a new one on a signed-in device.",
};

type Deps = { repo: PairingRepo; devices: DeviceService; gate: AuthGate; now?: () => number };

/** One-time pairing links: a signed-in device makes one; opening it signs another device in with its own cookie. */
export class PairingService {
  private readonly now: () => number;

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? Date.now;
  }

  /** A fresh code (only its hash is stored) and its expiry. */
  create(createdBy: string | null): { code: string; expiresAt: number } {
    this.deps.repo.prune();
    const code = randomToken();
    const expiresAt = this.now() + PAIRING_TTL_MS;
    this.deps.repo.create(hashSecret(code), createdBy, expiresAt);
    return { code, expiresAt };
  }

  /** Why the code cannot be used (without using it), or null; a bad code counts as a failed sign-in. */
  check(code: string, address: string): string | null {
    this.deps.gate.assertNotLimited(address);
    const failure = this.deps.repo.check(hashSecret(code));
    if (failure) this.deps.gate.fail(address, `a ${failure} pairing code`);
    return failure ? FAILURE_TEXT[failure] : null;
  }

  /** Uses the code once and signs in a new device; throws `unauthorized` for unknown, expired or used codes. */
  redeem(code: string, input: { userAgent: string | null; address: string; name?: string }): { device: DeviceView; cookie: string } {
    this.deps.gate.assertNotLimited(input.address);
    const codeHash = hashSecret(code);
    const failure = this.deps.repo.redeem(codeHash);
    if (failure) {
      this.deps.gate.fail(input.address, `a ${failure} pairing code`);
      throw new AppError("unauthorized", FAILURE_TEXT[failure], { reason: failure });
    }
    const created = this.deps.devices.create(input);
    this.deps.repo.setUsedBy(codeHash, created.device.id);
    const device = input.name ? this.deps.devices.update(created.device.id, { name: input.name }) : created.device;
    console.log(`[security] paired a new device ${device.id} (${device.name}) from ${input.address}`);
    return { device, cookie: created.cookie };
  }
}

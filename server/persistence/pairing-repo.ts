import type { Clock, Db } from "./db.ts";

/** Why a pairing code could not be redeemed. */
export type RedeemFailure = "unknown" | "expired" | "used";

/** One-time pairing codes, stored hashed; redeeming marks a code used in the same statement that checks it. */
export class PairingRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  create(codeHash: string, createdBy: string | null, expiresAt: number): void {
    this.db.run(
      "INSERT INTO pairing_codes (code_hash, created_by, created_at, expires_at) VALUES ($hash, $by, $at, $expires)",
      { hash: codeHash, by: createdBy, at: this.now(), expires: expiresAt },
    );
  }

  /** Marks the code used if it exists, is unused and unexpired (checked and marked in one transaction); else why not. */
  redeem(codeHash: string): RedeemFailure | null {
    return this.db.transaction(() => {
      const row = this.db.get<{ expires_at: number; used_at: number | null }>(
        "SELECT expires_at, used_at FROM pairing_codes WHERE code_hash = $hash",
        { hash: codeHash },
      );
      if (!row) return "unknown";
      if (row.used_at !== null) return "used";
      const at = this.now();
      if (row.expires_at <= at) return "expired";
      this.db.run("UPDATE pairing_codes SET used_at = $at WHERE code_hash = $hash", { at, hash: codeHash });
      return null;
    });
  }

  /** Checks a code without using it (the confirmation page). */
  check(codeHash: string): RedeemFailure | null {
    const row = this.db.get<{ expires_at: number; used_at: number | null }>(
      "SELECT expires_at, used_at FROM pairing_codes WHERE code_hash = $hash",
      { hash: codeHash },
    );
    if (!row) return "unknown";
    if (row.used_at !== null) return "used";
    return row.expires_at <= this.now() ? "expired" : null;
  }

  /** Records which device a used code signed in. */
  setUsedBy(codeHash: string, deviceId: string): void {
    this.db.run("UPDATE pairing_codes SET used_by = $device WHERE code_hash = $hash", { device: deviceId, hash: codeHash });
  }

  /**
   * Ends the unused codes made by these devices (all unused codes when `createdBy` is null): a signed-out device's
   * links must not sign in a new one. They read as expired.
   */
  expireUnused(createdBy: readonly string[] | null): void {
    const at = this.now();
    if (createdBy === null) {
      this.db.run("UPDATE pairing_codes SET expires_at = $at WHERE used_at IS NULL AND expires_at > $at", { at });
      return;
    }
    for (const device of createdBy) {
      this.db.run("UPDATE pairing_codes SET expires_at = $at WHERE used_at IS NULL AND expires_at > $at AND created_by = $device", { at, device });
    }
  }

  /** Forgets codes that expired more than a day ago. */
  prune(): void {
    this.db.run("DELETE FROM pairing_codes WHERE expires_at < $cutoff", { cutoff: this.now() - 86_400_000 });
  }
}

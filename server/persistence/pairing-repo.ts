import type { Clock, Db } from "./db.ts";

/** Why a pairing code could not be redeemed. */
export type RedeemFailure = "unknown" | "expired" | "used";

/** What is known of a stored code, to say why it no longer works. */
export type StoredCode = {
  createdAt: number;
  expiresAt: number;
  /** The device that made it (null: the owner's link, made at start or by `chatml login-link`). */
  maker: { name: string; revokedAt: number | null } | null;
  /** What ended it before its time (null: nothing did, or it was ended before this was recorded). */
  endedBy: LinkEnding | null;
};

/** What ends an unused link early: its device was signed out, or the sign-in token was rotated. */
export type LinkEnding = "sign-out" | "rotation";

/** One-time pairing codes, stored hashed; redeeming marks a code used in the same statement that checks it. */
export class PairingRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  create(codeHash: string, createdBy: string | null, createdAt: number, expiresAt: number): void {
    this.db.run(
      "INSERT INTO pairing_codes (code_hash, created_by, created_at, expires_at) VALUES ($hash, $by, $at, $expires)",
      { hash: codeHash, by: createdBy, at: createdAt, expires: expiresAt },
    );
  }

  /** The code and the device that made it, or null when there is no such code. */
  find(codeHash: string): StoredCode | null {
    const row = this.db.get<{ created_at: number; expires_at: number; ended_by: LinkEnding | null; name: string | null; revoked_at: number | null }>(
      `SELECT p.created_at, p.expires_at, p.ended_by, d.name, d.revoked_at FROM pairing_codes p
       LEFT JOIN devices d ON d.id = p.created_by WHERE p.code_hash = $hash`,
      { hash: codeHash },
    );
    if (!row) return null;
    const maker = row.name === null ? null : { name: row.name, revokedAt: row.revoked_at };
    return { createdAt: row.created_at, expiresAt: row.expires_at, maker, endedBy: row.ended_by };
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

  /** The device a used code signed in (null: unused, or unknown). */
  usedBy(codeHash: string): string | null {
    return this.db.get<{ used_by: string | null }>("SELECT used_by FROM pairing_codes WHERE code_hash = $hash", { hash: codeHash })?.used_by ?? null;
  }

  /** Records which device a used code signed in. */
  setUsedBy(codeHash: string, deviceId: string): void {
    this.db.run("UPDATE pairing_codes SET used_by = $device WHERE code_hash = $hash", { device: deviceId, hash: codeHash });
  }

  /**
   * Ends the unused codes made by these devices (all unused codes when `createdBy` is null): a signed-out device's
   * links must not sign in a new one. They end now, before their time, marked with what ended them (`rotation` when
   * all end, `sign-out` when their devices do) so {@link find} can say which.
   */
  expireUnused(createdBy: readonly string[] | null): void {
    const at = this.now();
    if (createdBy === null) {
      this.db.run("UPDATE pairing_codes SET expires_at = $at, ended_by = 'rotation' WHERE used_at IS NULL AND expires_at > $at", { at });
      return;
    }
    for (const device of createdBy) {
      this.db.run("UPDATE pairing_codes SET expires_at = $at, ended_by = 'sign-out' WHERE used_at IS NULL AND expires_at > $at AND created_by = $device", { at, device });
    }
  }

  /** Forgets codes that expired more than a day ago. */
  prune(): void {
    this.db.run("DELETE FROM pairing_codes WHERE expires_at < $cutoff", { cutoff: this.now() - 86_400_000 });
  }
}

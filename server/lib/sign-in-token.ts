import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { timingSafeEqual } from "./web-crypto.ts";

/** The owner's start token in `<dataDir>/token` (0600): kept across restarts, replaced by {@link SignInToken.rotate}. */
export class SignInToken {
  private value: string;

  constructor(private readonly dataDir: string) {
    this.value = this.loadOrCreate();
  }

  current(): string {
    return this.value;
  }

  /** Constant-time comparison with the current token. */
  isValid(candidate: string): boolean {
    const bytes = Buffer.from(candidate);
    const expected = Buffer.from(this.value);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  }

  /** Writes a new random token; the old one stops working at once. */
  rotate(): string {
    this.value = randomToken();
    this.write();
    return this.value;
  }

  private loadOrCreate(): string {
    const path = join(this.dataDir, "token");
    if (existsSync(path)) {
      const existing = readFileSync(path, "utf8").trim();
      if (/^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    }
    this.value = randomToken();
    this.write();
    return this.value;
  }

  private write(): void {
    const path = join(this.dataDir, "token");
    writeFileSync(path, `${this.value}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
}

/** 32 random bytes, base64url (43 characters). */
export function randomToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

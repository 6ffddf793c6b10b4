/**
 * The few crypto helpers the server needs, on Bun's globals instead of `node:crypto` (whose import alone costs
 * ~20 ms of start-up; issue 16). Same primitives: a CSPRNG, SHA-256 and a constant-time comparison.
 */

/** `size` random bytes (crypto.getRandomValues) as a Buffer, e.g. for a base64url token. */
export function randomBytes(size: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(size)));
}

/** SHA-256 of `data` as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return new Bun.CryptoHasher("sha256").update(data).digest("hex");
}

/** Constant-time equality of two byte arrays of the same length (callers check the length first, as node's does). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return crypto.timingSafeEqual(a, b);
}

import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as NodeCrypto from "node:crypto";
import { z } from "zod";
import { lazySchema } from "../../shared/lazy-schema.ts";
import { lazyModule } from "./lazy-module.ts";

// Only the first start makes keys; node:crypto costs ~20 ms to import, so later starts never load it.
const nodeCrypto = lazyModule<typeof NodeCrypto>("node:crypto");

const VapidKeys = lazySchema(() => z.object({ publicKey: z.string().min(40), privateKey: z.string().min(20) }));
/** The server's VAPID key pair: the raw P-256 public point and private scalar, URL-safe base64 (web-push's format). */
export type VapidKeys = z.infer<typeof VapidKeys>;

/** Loads `<dataDir>/vapid.json` (0600) or generates it once, so browsers' subscriptions survive restarts. */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const path = join(dataDir, "vapid.json");
  if (existsSync(path)) {
    const parsed = VapidKeys.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (parsed.success) return parsed.data;
    console.warn(`[push] ${path} is malformed; generating new VAPID keys (devices must re-enable notifications)`);
  }
  const keys = generateVapidKeys();
  writeFileSync(path, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return keys;
}

/** A new P-256 key pair in web-push's format, made with node:crypto so start-up need not load web-push. */
export function generateVapidKeys(): VapidKeys {
  const ecdh = nodeCrypto.load().createECDH("prime256v1");
  ecdh.generateKeys();
  // The private scalar can have leading zero bytes that getPrivateKey() leaves out; web-push wants all 32.
  const scalar = ecdh.getPrivateKey();
  const privateKey = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]);
  return { publicKey: ecdh.getPublicKey().toString("base64url"), privateKey: privateKey.toString("base64url") };
}

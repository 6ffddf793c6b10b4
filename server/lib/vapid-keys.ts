import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import webpush from "web-push";
import { z } from "zod";

const VapidKeys = z.object({ publicKey: z.string().min(40), privateKey: z.string().min(20) });
/** The server's VAPID key pair (URL-safe base64), as web-push makes them. */
export type VapidKeys = z.infer<typeof VapidKeys>;

/** Loads `<dataDir>/vapid.json` (0600) or generates it once, so browsers' subscriptions survive restarts. */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const path = join(dataDir, "vapid.json");
  if (existsSync(path)) {
    const parsed = VapidKeys.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (parsed.success) return parsed.data;
    console.warn(`[push] ${path} is malformed; generating new VAPID keys (devices must re-enable notifications)`);
  }
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(path, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return keys;
}

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { composeRemoteAccess } from "./compose-remote.ts";
import { EventBus } from "./core/event-bus.ts";
import { openDatabase } from "./persistence/db.ts";
import type { BrowserHub } from "./ws/browser-hub.ts";

let dataDir: string | null = null;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** The remote-access wiring over a real database, with a hub that has no sockets. */
function remoteAccess() {
  dataDir = mkdtempSync(join(tmpdir(), "chatml-remote-"));
  const hub = { closeDevices: () => undefined, closeAll: () => undefined, renameDevice: () => undefined, isWatching: () => false, isConnected: () => false } as unknown as BrowserHub;
  const network = () => ({ host: "127.0.0.1", port: 1, isLoopbackOnly: true, addresses: [] }) as never;
  return composeRemoteAccess({ dataDir, db: openDatabase(":memory:"), bus: new EventBus(), hub: () => hub, trustProxy: false, network, conversationTitle: () => null, onTokenRotated: () => undefined }).remote;
}

const who = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36", address: "10.1.1.1" };

describe("rotating the sign-in token", () => {
  it("says a device's unused link ended because the token was rotated (it blamed the device's sign-out)", () => {
    const remote = remoteAccess();
    const laptop = remote.pairing.redeem(remote.pairing.create(null).code, who).device;
    const made = remote.pairing.create(laptop.id).code;
    const owners = remote.pairing.create(null).code;
    remote.rotateToken();
    expect(remote.pairing.check(made, "10.1.1.2")).toBe("This link no longer works: the sign-in token was rotated, which signed every device out and ended every link.");
    expect(remote.pairing.check(owners, "10.1.1.2")).toMatch(/the sign-in token was rotated/);
  });
});

describe("push keys", () => {
  it("are neither read nor made at start, only when push first needs them, and then kept (issue 16: start-up)", () => {
    const remote = remoteAccess();
    const keysFile = join(dataDir ?? "", "vapid.json");
    expect(existsSync(keysFile)).toBe(false);
    const publicKey = remote.push.publicKey;
    expect(publicKey).toMatch(/^[\w-]{40,}$/);
    expect(existsSync(keysFile)).toBe(true);
    rmSync(keysFile);
    expect(remote.push.publicKey).toBe(publicKey);
  });
});

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../shared/protocol/errors.ts";
import { composeRemoteAccess } from "./compose-remote.ts";
import { EventBus } from "./core/event-bus.ts";
import { openDatabase, type Db } from "./persistence/db.ts";
import type { BrowserHub } from "./ws/browser-hub.ts";

let dataDir: string | null = null;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** The remote-access wiring over a real database, with a hub that has no sockets. */
function remoteAccess(db: Db = openDatabase(":memory:")) {
  dataDir ??= mkdtempSync(join(tmpdir(), "chatml-remote-"));
  const hub = { closeDevices: () => undefined, closeAll: () => undefined, renameDevice: () => undefined, isWatching: () => false, isConnected: () => false } as unknown as BrowserHub;
  const network = () => ({ host: "127.0.0.1", port: 1, isLoopbackOnly: true, addresses: [] }) as never;
  return composeRemoteAccess({ dataDir, db, bus: new EventBus(), hub: () => hub, trustProxy: false, network, conversationTitle: () => null, onTokenRotated: () => undefined }).remote;
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

describe("push subscriptions of signed-out devices", () => {
  const subscription = (n: number) => ({ endpoint: `https://fcm.googleapis.com/fcm/send/y1remote-${n}`, keys: { p256dh: "p".repeat(87), auth: "a".repeat(22) } });
  const endpointsOf = (db: Db) => db.all<{ endpoint: string }>("SELECT endpoint FROM push_subscriptions ORDER BY endpoint").map((row) => row.endpoint);

  it("are dropped at start when a database kept them, and the signed-in devices' stay", () => {
    const db = openDatabase(":memory:");
    const remote = remoteAccess(db);
    const laptop = remote.pairing.redeem(remote.pairing.create(null).code, who).device;
    const phone = remote.pairing.redeem(remote.pairing.create(null).code, who).device;
    remote.push.subscribe(laptop.id, subscription(1));
    remote.push.subscribe(phone.id, subscription(2));
    // What an older version, or a subscribe finishing after the revoke, left: a signed-out device with a subscription.
    db.run("UPDATE devices SET revoked_at = 1 WHERE id = $id", { id: phone.id });
    expect(endpointsOf(db)).toHaveLength(2);
    remoteAccess(db);
    expect(endpointsOf(db)).toEqual([subscription(1).endpoint]);
  });

  it("are refused when the device was signed out after its request was let in, and nothing is kept", () => {
    const db = openDatabase(":memory:");
    const remote = remoteAccess(db);
    const phone = remote.pairing.redeem(remote.pairing.create(null).code, who).device;
    remote.devices.revoke(phone.id);
    let refusal: unknown = null;
    try {
      remote.push.subscribe(phone.id, subscription(3));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("unauthorized");
    expect((refusal as AppError).message).toMatch(/This device was signed out, so notifications were not turned on/);
    expect(endpointsOf(db)).toEqual([]);
  });
});

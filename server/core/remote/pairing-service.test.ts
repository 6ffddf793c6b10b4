import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SignInToken } from "../../lib/sign-in-token.ts";
import { openDatabase } from "../../persistence/db.ts";
import { DeviceRepo } from "../../persistence/device-repo.ts";
import { PairingRepo } from "../../persistence/pairing-repo.ts";
import { AuthGate } from "./auth-gate.ts";
import { DeviceService } from "./device-service.ts";
import { PAIRING_TTL_MS, PairingService } from "./pairing-service.ts";
import { RateLimiter } from "./rate-limiter.ts";

function setup() {
  let now = 1_000_000;
  const clock = () => now;
  const db = openDatabase(":memory:");
  const devices = new DeviceService(new DeviceRepo(db, clock), clock);
  const limiter = new RateLimiter({ maxFailures: 3, windowMs: 60_000 }, clock);
  const gate = new AuthGate({ token: new SignInToken(mkdtempSync(join(tmpdir(), "chatml-pair-"))), devices, limiter });
  const pairing = new PairingService({ repo: new PairingRepo(db, clock), devices, gate, now: clock });
  return { pairing, devices, advance: (ms: number) => (now += ms) };
}

const who = { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1", address: "10.1.1.1" };

describe("PairingService", () => {
  it("signs in a device once, named from its browser, with a cookie only it holds", () => {
    const t = setup();
    const { code } = t.pairing.create(null);
    const { device, cookie } = t.pairing.redeem(code, who);
    expect(device.name).toBe("Safari on iPhone");
    expect(t.devices.verify(cookie, null)?.id).toBe(device.id);
    expect(t.devices.verify(`${device.id}.${"x".repeat(43)}`, null)).toBeNull();
    expect(() => t.pairing.redeem(code, who)).toThrow(/already used/);
  });

  it("signs in a second phone paired under the name the first has (the pairing page's default), numbered", () => {
    const t = setup();
    const first = t.pairing.redeem(t.pairing.create(null).code, { ...who, name: "Safari on iPhone" });
    const second = t.pairing.redeem(t.pairing.create(null).code, { ...who, name: "Safari on iPhone" });
    expect([first.device.name, second.device.name]).toEqual(["Safari on iPhone", "Safari on iPhone (2)"]);
    expect(t.devices.verify(second.cookie, null)?.id).toBe(second.device.id);
  });

  it("refuses an expired code", () => {
    const t = setup();
    const { code } = t.pairing.create(null);
    t.advance(PAIRING_TTL_MS + 1);
    expect(t.pairing.check(code, "10.1.1.2")).toMatch(/expired/);
    expect(() => t.pairing.redeem(code, who)).toThrow(/expired/);
    expect(t.devices.list()).toEqual([]);
  });

  it("answers an address's forged codes with rate_limited once over budget, yet a real code from it still works", () => {
    const t = setup();
    for (let i = 0; i < 2; i++) expect(() => t.pairing.redeem(`forged-${i}`, who)).toThrow(/not valid/);
    expect(() => t.pairing.redeem("forged-2", who)).toThrow(/Too many failed sign-ins/);
    expect(() => t.pairing.redeem("forged-3", who)).toThrow(/Too many failed sign-ins/);
    const { code } = t.pairing.create(null);
    expect(t.pairing.redeem(code, who).device.id).toMatch(/^dev_/);
    t.advance(60_001);
    expect(() => t.pairing.redeem("forged-4", who)).toThrow(/not valid/);
  });

  it("does not count a used or expired code as a guess (a browser's history may hold one)", () => {
    const t = setup();
    const { code } = t.pairing.create(null);
    t.pairing.redeem(code, who);
    for (let i = 0; i < 5; i++) expect(() => t.pairing.redeem(code, who)).toThrow(/already used/);
    expect(() => t.pairing.redeem("forged", who)).toThrow(/not valid/);
  });

  it("says a link ended by its device's sign-out or a token rotation was ended, not that it expired", () => {
    const t = setup();
    const laptop = t.pairing.redeem(t.pairing.create(null).code, who).device;
    const made = t.pairing.create(laptop.id).code;
    const owners = t.pairing.create(null).code;
    t.advance(60_000);
    t.devices.revoke(laptop.id);
    expect(t.pairing.check(made, "10.1.1.2")).toBe(`This link no longer works: the device that made it (${laptop.name}) was signed out.`);
    expect(() => t.pairing.redeem(made, who)).toThrow(/the device that made it \(Safari on iPhone\) was signed out/);
    expect(t.pairing.check(owners, "10.1.1.2")).toBeNull();

    t.devices.revokeAll();
    t.pairing.expireAll();
    expect(t.pairing.check(owners, "10.1.1.2")).toMatch(/the sign-in token was rotated/);
    expect(() => t.pairing.redeem(owners, who)).toThrow(/the sign-in token was rotated/);
    t.advance(PAIRING_TTL_MS);
    expect(t.pairing.check(owners, "10.1.1.2")).toMatch(/the sign-in token was rotated/);
  });

  it("a code its device outlived still just expired", () => {
    const t = setup();
    const laptop = t.pairing.redeem(t.pairing.create(null).code, who).device;
    const made = t.pairing.create(laptop.id).code;
    t.advance(PAIRING_TTL_MS);
    t.devices.revoke(laptop.id);
    expect(t.pairing.check(made, "10.1.1.2")).toMatch(/has expired/);
  });

  it("signs a browser that holds an active device's cookie in again as that device: one row, seen now, same cookie", () => {
    const t = setup();
    const first = t.pairing.redeem(t.pairing.create(null).code, who);
    t.advance(3_600_000);
    const link = t.pairing.create(null);
    expect(t.pairing.signedInWith(link.id)).toBeNull();
    const again = t.pairing.redeem(link.code, { ...who, address: "10.1.1.2", heldCookie: first.cookie });
    // The device that made the link learns who used it, though no new row appeared.
    expect(t.pairing.signedInWith(link.id)?.id).toBe(first.device.id);
    expect(again).toMatchObject({ cookie: first.cookie, isNew: false, device: { id: first.device.id, name: first.device.name, lastAddress: "10.1.1.2" } });
    expect(again.device.lastSeenAt).toBe(first.device.lastSeenAt + 3_600_000);
    expect(t.devices.list().map((d) => d.id)).toEqual([first.device.id]);
  });

  it("never brings a revoked device back: its holder signing in again becomes a new device, the old cookie stays dead", () => {
    const t = setup();
    const first = t.pairing.redeem(t.pairing.create(null).code, who);
    t.devices.revoke(first.device.id);
    const again = t.pairing.redeem(t.pairing.create(null).code, { ...who, heldCookie: first.cookie });
    expect(again.isNew).toBe(true);
    expect(again.device.id).not.toBe(first.device.id);
    expect(t.devices.verify(first.cookie, null)).toBeNull();
    expect(t.devices.list().map((d) => d.id)).toEqual([again.device.id]);
  });

  it("does not let a cookie naming another device with a wrong secret take that device over", () => {
    const t = setup();
    const phone = t.pairing.redeem(t.pairing.create(null).code, who);
    const forged = `${phone.device.id}.${"A".repeat(43)}`;
    const other = t.pairing.redeem(t.pairing.create(null).code, { ...who, heldCookie: forged });
    expect(other.isNew).toBe(true);
    expect(t.devices.list()).toHaveLength(2);
  });

  it("a revoked device's cookie stops working", () => {
    const t = setup();
    const { device, cookie } = t.pairing.redeem(t.pairing.create(null).code, who);
    t.devices.revoke(device.id);
    expect(t.devices.verify(cookie, null)).toBeNull();
    expect(t.devices.list()).toEqual([]);
  });
});

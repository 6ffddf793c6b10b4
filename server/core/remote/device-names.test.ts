import { describe, expect, it } from "vitest";
import { openDatabase } from "../../persistence/db.ts";
import { DeviceRepo } from "../../persistence/device-repo.ts";
import { DeviceName } from "../../../shared/api/device-name.ts";
import { DEFAULT_NOTIFICATIONS, DeviceService } from "./device-service.ts";

const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

function setup() {
  let now = 1_000_000;
  const clock = () => (now += 1000);
  const db = openDatabase(":memory:");
  const repo = new DeviceRepo(db, clock);
  return { db, repo, devices: new DeviceService(repo, clock), clock };
}

/** Two phones both "Chrome on Android" read ambiguously in "N devices here", Devices and "Answered on …". */
describe("device names", () => {
  it("numbers a device paired with a name a signed-in device has, and frees the name when that one is signed out", () => {
    const t = setup();
    const first = t.devices.create({ userAgent: ANDROID_CHROME, address: null }).device;
    const second = t.devices.create({ userAgent: ANDROID_CHROME, address: null }).device;
    const third = t.devices.create({ userAgent: ANDROID_CHROME, address: null }).device;
    expect([first.name, second.name, third.name]).toEqual(["Chrome on Android", "Chrome on Android (2)", "Chrome on Android (3)"]);

    t.devices.revoke(second.id);
    expect(t.devices.create({ userAgent: ANDROID_CHROME, address: null }).device.name).toBe("Chrome on Android (2)");
  });

  it("numbers a name chosen on the pairing page when a signed-in device has it (signing in is not refused for it)", () => {
    const t = setup();
    t.devices.create({ userAgent: ANDROID_CHROME, address: null });
    expect(t.devices.create({ userAgent: ANDROID_CHROME, address: null, name: "Chrome on Android" }).device.name).toBe("Chrome on Android (2)");
    expect(t.devices.create({ userAgent: ANDROID_CHROME, address: null, name: "Kitchen tablet" }).device.name).toBe("Kitchen tablet");
  });

  it("refuses renaming a device to another signed-in device's name, saying why, and keeps its own", () => {
    const t = setup();
    const phone = t.devices.create({ userAgent: ANDROID_CHROME, address: null }).device;
    const other = t.devices.create({ userAgent: ANDROID_CHROME, address: null }).device;
    expect(() => t.devices.update(other.id, { name: "Chrome on Android" })).toThrow("Another signed-in device is already called “Chrome on Android”: pick a name that tells them apart.");
    expect(t.devices.get(other.id)?.name).toBe("Chrome on Android (2)");
    expect(t.devices.update(phone.id, { name: "Chrome on Android" }).name).toBe("Chrome on Android");
    expect(t.devices.update(other.id, { name: "Work phone" }).name).toBe("Work phone");
  });

  it("tells apart devices that were paired with the same name before, the first paired keeping it", () => {
    const t = setup();
    const stored = (id: string) => t.repo.create({ id, name: "Chrome on Android", secretHash: "00", lastAddress: null, userAgent: ANDROID_CHROME, notifications: DEFAULT_NOTIFICATIONS });
    stored("dev_oldphone001");
    stored("dev_oldphone002");
    const restarted = new DeviceService(new DeviceRepo(t.db, t.clock), t.clock);
    expect([restarted.get("dev_oldphone001")?.name, restarted.get("dev_oldphone002")?.name]).toEqual(["Chrome on Android", "Chrome on Android (2)"]);
  });

  it("cleans names stored before control characters were refused, by the rule a typed name meets, and keeps them distinct", () => {
    const t = setup();
    const stored = (id: string, name: string) => t.repo.create({ id, name, secretHash: "00", lastAddress: null, userAgent: ANDROID_CHROME, notifications: DEFAULT_NOTIFICATIONS });
    stored("dev_oldphone001", "Work phone");
    stored("dev_oldphone002", "Work\nphone");
    stored("dev_oldphone003", "\u202Eenoh\tp\u0007 ");
    stored("dev_oldphone004", "\u200F\r\n");
    const restarted = new DeviceService(new DeviceRepo(t.db, t.clock), t.clock);
    const names = ["dev_oldphone001", "dev_oldphone002", "dev_oldphone003", "dev_oldphone004"].map((id) => restarted.get(id)?.name);
    expect(names).toEqual(["Work phone", "Work phone (2)", "enoh p", "Chrome on Android"]);
    for (const name of names) expect(DeviceName.safeParse(name).success).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { openDatabase } from "../../persistence/db.ts";
import { DeviceRepo } from "../../persistence/device-repo.ts";
import { DeviceService } from "./device-service.ts";

describe("the device list's order", () => {
  it("stays the order the devices were paired in, whichever is seen, signs in again or is renamed", () => {
    let now = 1_000_000;
    const clock = () => (now += 60_000);
    const repo = new DeviceRepo(openDatabase(":memory:"), clock);
    const devices = new DeviceService(repo, clock);
    const laptop = devices.create({ userAgent: null, address: null, name: "Laptop" });
    const phone = devices.create({ userAgent: null, address: null, name: "Phone" });
    const tablet = devices.create({ userAgent: null, address: null, name: "Tablet" });
    const order = () => devices.list().map((d) => d.name);
    expect(order()).toEqual(["Laptop", "Phone", "Tablet"]);

    // The phone renames the laptop: each request of the phone is a sighting of it, and the laptop's row is changed.
    devices.verify(phone.cookie, "10.0.0.2");
    devices.update(laptop.device.id, { name: "Work laptop" });
    devices.signInAgain(tablet.cookie, { userAgent: null, address: "10.0.0.3" });
    expect(order()).toEqual(["Work laptop", "Phone", "Tablet"]);
  });
});

import { describe, expect, it } from "vitest";
import { compareVersions } from "../../shared/build-id.ts";
import { updateOffer } from "./update-offer.ts";

describe("the update offer", () => {
  const served = { version: "1.4.0", build: "/assets/index-new.js" };

  it("offers a rebuild of the same version (the version alone saw nothing to offer)", () => {
    expect(updateOffer(served, { version: "1.4.0", build: "/assets/index-old.js" })).toBe("rebuilt");
  });

  it("says a downgrade is older (it was offered as a newer ChatML), and an upgrade newer", () => {
    expect(updateOffer(served, { version: "1.10.0", build: "/assets/index-later.js" })).toBe("older");
    expect(updateOffer(served, { version: "1.3.9", build: "/assets/index-earlier.js" })).toBe("newer");
  });

  it("offers nothing to a page of the build served, whatever the versions say", () => {
    expect(updateOffer(served, { version: "1.4.0", build: "/assets/index-new.js" })).toBeNull();
    expect(updateOffer(served, { version: "1.4.0-dirty", build: "/assets/index-new.js" })).toBeNull();
  });

  it("goes by the version when a side has no build id (development, or an app from before build ids)", () => {
    expect(updateOffer({ version: "1.4.0", build: null }, { version: "1.4.0", build: "/assets/index-x.js" })).toBeNull();
    expect(updateOffer(served, { version: "1.3.0" })).toBe("newer");
    expect(updateOffer(served, { version: "1.4.0" })).toBeNull();
    expect(updateOffer(served, {})).toBeNull();
  });
});

describe("versions in order", () => {
  it.each([
    ["1.2.10", "1.2.9", 1],
    ["1.2.0", "1.2.0", 0],
    ["1.2.0-beta.2", "1.2.0", -1],
    ["1.2.0-beta.10", "1.2.0-beta.9", 1],
    ["1.2.0-beta", "1.2.0-alpha", 1],
    ["v2.0.0", "1.99.99", 1],
    ["1.2.0+build.5", "1.2.0", 0],
  ])("%s against %s", (a, b, order) => {
    expect(compareVersions(a, b)).toBe(order);
  });
});

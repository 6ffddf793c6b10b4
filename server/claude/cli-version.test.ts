import { describe, expect, it } from "vitest";
import pinnedVersions from "../../e2e/cli-versions.json" with { type: "json" };
import { compareCliVersions, MIN_SUPPORTED_VERSION, NEWEST_TESTED_VERSION, parseCliVersion, pickTransport, unsupportedReason, untestedNotice } from "./cli-version.ts";

const v = (raw: string) => {
  const parsed = parseCliVersion(raw);
  if (!parsed) throw new Error(`unparsable ${raw}`);
  return parsed;
};

describe("parseCliVersion", () => {
  it("reads the CLI's --version line", () => {
    expect(parseCliVersion("2.1.119 (Claude Code)\n")).toEqual({ major: 2, minor: 1, patch: 119, raw: "2.1.119" });
    expect(parseCliVersion("claude 10.0.3-beta")).toEqual({ major: 10, minor: 0, patch: 3, raw: "10.0.3" });
  });

  it("returns null without a version", () => {
    expect(parseCliVersion("command not found")).toBeNull();
    expect(parseCliVersion("")).toBeNull();
  });
});

describe("compareCliVersions", () => {
  it("orders by major, minor, then patch", () => {
    expect(compareCliVersions(v("2.1.119"), v("2.1.330"))).toBeLessThan(0);
    expect(compareCliVersions(v("2.2.0"), v("2.1.330"))).toBeGreaterThan(0);
    expect(compareCliVersions(v("3.0.0"), v("2.9.9"))).toBeGreaterThan(0);
    expect(compareCliVersions(v("2.1.120"), v("2.1.120 (Claude Code)"))).toBe(0);
  });
});

describe("pickTransport", () => {
  it("uses sdk-url up to 2.1.120 and stdio from 2.1.121 on auto", () => {
    expect(pickTransport("auto", v("2.1.119"))).toBe("sdk-url");
    expect(pickTransport("auto", v("2.1.120"))).toBe("sdk-url");
    expect(pickTransport("auto", v("2.1.121"))).toBe("stdio");
    expect(pickTransport("auto", v("2.1.330"))).toBe("stdio");
    expect(pickTransport("auto", v("1.0.0"))).toBe("sdk-url");
  });

  it("falls back to stdio when the version is unknown", () => {
    expect(pickTransport("auto", null)).toBe("stdio");
  });

  it("respects a forced setting", () => {
    expect(pickTransport("stdio", v("2.1.119"))).toBe("stdio");
    expect(pickTransport("sdk-url", v("2.1.330"))).toBe("sdk-url");
    expect(pickTransport("sdk-url", null)).toBe("sdk-url");
  });
});

describe("MIN_SUPPORTED_VERSION", () => {
  it("is the oldest CLI the end-to-end suite drives, so what is refused is exactly what is untested", () => {
    const oldest = pinnedVersions.versions.map(v).sort(compareCliVersions)[0];
    expect(MIN_SUPPORTED_VERSION).toEqual(oldest);
  });

  it("gives a reason only below it", () => {
    expect(unsupportedReason(v("1.0.30"), "/bin/claude")).toContain("Claude Code 1.0.30 (/bin/claude) is older than ChatML supports (2.1.119 or later)");
    expect(unsupportedReason(v("2.1.119"), "/bin/claude")).toBeNull();
    expect(unsupportedReason(v("3.0.0"), "/bin/claude")).toBeNull();
  });
});

describe("NEWEST_TESTED_VERSION", () => {
  it("is the newest CLI the end-to-end suite drives, so the two never drift apart", () => {
    const newest = pinnedVersions.versions.map(v).sort(compareCliVersions).at(-1);
    expect(NEWEST_TESTED_VERSION).toEqual(newest);
  });

  it("gives a notice only above it, naming both versions and what to do", () => {
    expect(untestedNotice(v("2.1.400"))).toBe(
      "Claude Code 2.1.400 is newer than ChatML was tested with (2.1.332): if something looks wrong, tell us, or pin an older one with --claude-bin.",
    );
    expect(untestedNotice(v("2.2.0"))).toContain("is newer than ChatML was tested with");
    expect(untestedNotice(v("2.1.332"))).toBeNull();
    expect(untestedNotice(v("2.1.119"))).toBeNull();
  });
});

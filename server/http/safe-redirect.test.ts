import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-redirect.ts";

describe("sameOriginPath", () => {
  it("keeps paths on this origin", () => {
    expect(sameOriginPath("/")).toBe("/");
    expect(sameOriginPath("/#/c/cnv_abc")).toBe("/#/c/cnv_abc");
    expect(sameOriginPath("/search?q=a%20b")).toBe("/search?q=a%20b");
  });

  it("refuses anything that leaves the origin", () => {
    for (const bad of ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil.example", "/\t/evil.example", "///evil.example", "", undefined, null, "javascript:alert(1)"]) {
      expect(sameOriginPath(bad), String(bad)).toBe("/");
    }
  });
});

import { describe, expect, it } from "vitest";
import { lowerFirst } from "./lower-first.ts";

describe("lowerFirst", () => {
  it("lowers a sentence's first letter, but not a name or an acronym's", () => {
    expect(lowerFirst("Stopped by you")).toBe("stopped by you");
    expect(lowerFirst("ChatML stopped.")).toBe("ChatML stopped.");
    expect(lowerFirst("CLI exited")).toBe("CLI exited");
    expect(lowerFirst("Before rewinding to \"x\"")).toBe("before rewinding to \"x\"");
    expect(lowerFirst("")).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { searchResultText } from "./terminal-search.tsx";

describe("searchResultText", () => {
  it("says the chosen match among how many, counting from one", () => {
    expect(searchResultText({ index: 0, count: 60 })).toBe("1 of 60");
    expect(searchResultText({ index: 59, count: 60 })).toBe("60 of 60");
  });

  it("says no match, and a count the addon stopped numbering as a floor", () => {
    expect(searchResultText({ index: -1, count: 0 })).toBe("No match");
    expect(searchResultText({ index: -1, count: 1000 })).toBe("1000+ matches");
  });
});

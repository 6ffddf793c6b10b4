import { describe, expect, it } from "vitest";
import { DOT } from "./dot-join.ts";
import { formatBytes, sizesText } from "./format-bytes.ts";

describe("sizes in words", () => {
  it("says one byte in the singular, others in the plural", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(2600000)).toBe("2.5 MB");
  });

  it("says a binary file that grew by one byte is 1 byte larger", () => {
    expect(sizesText({ before: 7, after: 8 })).toBe(`Before: 7 bytes${DOT}After: 8 bytes (1 byte larger)`);
    expect(sizesText({ before: 1, after: null })).toBe("Deleted: it was 1 byte");
  });
});

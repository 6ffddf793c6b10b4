import { describe, expect, it } from "vitest";
import { releaseBytes } from "./release-bytes.ts";

describe("releaseBytes", () => {
  it("frees a chunk that is the whole of its buffer: the chunk reads as empty after", () => {
    const chunk = new TextEncoder().encode('{"type":"a"}\n');
    expect(releaseBytes(chunk)).toBe(true);
    expect(chunk.byteLength).toBe(0);
    expect(chunk.buffer.byteLength).toBe(0);
  });

  it("leaves a view into a larger buffer alone, and the buffer's other views with it", () => {
    const whole = new TextEncoder().encode("first\nsecond\n");
    const first = whole.subarray(0, 6);
    const second = whole.subarray(6);
    expect(releaseBytes(first)).toBe(false);
    expect(releaseBytes(second)).toBe(false);
    expect(new TextDecoder().decode(whole)).toBe("first\nsecond\n");
  });
});

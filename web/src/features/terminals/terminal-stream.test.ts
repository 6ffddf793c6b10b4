import { beforeEach, describe, expect, it, vi } from "vitest";

const sent = vi.hoisted(() => [] as { type: string; data?: string }[]);
vi.mock("../../stores/socket-sync.ts", () => ({ socket: { send: (frame: { type: string; data?: string }) => (sent.push(frame), true) } }));

const { sendInput } = await import("./terminal-stream.ts");

beforeEach(() => {
  sent.length = 0;
});

describe("sendInput", () => {
  it("splits a large paste into frames without cutting an emoji in two (each half would reach the PTY as U+FFFD)", () => {
    // An emoji (two UTF-16 units) across every place a naive 16,000-unit split would cut.
    const paste = `${"a".repeat(15_999)}😀${"b".repeat(15_998)}🚀${"c".repeat(10)}`;
    expect(sendInput("trm_paste0000001" as never, paste)).toBe(true);
    const pieces = sent.map((frame) => frame.data ?? "");
    expect(pieces.join("")).toBe(paste);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(16_000);
      expect(piece, "a piece with half an emoji").not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/);
    }
  });
});

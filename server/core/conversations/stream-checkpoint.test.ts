import { describe, expect, it } from "vitest";
import { CHECKPOINT_INTERVAL_MS, spreadDelay, StreamCheckpoint } from "./stream-checkpoint.ts";

describe("spreadDelay", () => {
  it("spreads checkpoints over the second half of the interval, never past it", () => {
    expect(spreadDelay(1000, () => 0)).toBe(500);
    expect(spreadDelay(1000, () => 0.5)).toBe(750);
    expect(spreadDelay(1000, () => 0.999_999)).toBe(1000);
    const delays = Array.from({ length: 200 }, () => spreadDelay(CHECKPOINT_INTERVAL_MS));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(CHECKPOINT_INTERVAL_MS);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});

describe("StreamCheckpoint", () => {
  it("keeps one pending checkpoint however often it is armed, and none once cancelled", async () => {
    let saves = 0;
    const checkpoint = new StreamCheckpoint(() => saves++, () => 5);
    checkpoint.arm();
    checkpoint.arm();
    await expect.poll(() => saves).toBe(1);
    checkpoint.arm();
    checkpoint.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(saves).toBe(1);
  });
});

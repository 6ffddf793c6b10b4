import { describe, expect, it } from "vitest";
import { StreamCheckpoint } from "./stream-checkpoint.ts";

describe("StreamCheckpoint", () => {
  it("keeps one pending checkpoint however often it is armed, and none once cancelled", async () => {
    let saves = 0;
    const checkpoint = new StreamCheckpoint(() => saves++, 5);
    checkpoint.arm();
    checkpoint.arm();
    await expect.poll(() => saves).toBe(1);
    checkpoint.arm();
    checkpoint.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(saves).toBe(1);
  });
});

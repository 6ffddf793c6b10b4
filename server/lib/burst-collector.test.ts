import { describe, expect, it } from "vitest";
import { BurstCollector } from "./burst-collector.ts";

function collector(liveBytes = 0) {
  let collections = 0;
  let live = liveBytes;
  const burst = new BurstCollector(() => void collections++, () => live, 1000);
  return { burst, collections: () => collections, setLive: (bytes: number) => (live = bytes) };
}

describe("BurstCollector (ADR 0043)", () => {
  it("asks for one collection per step of output, however the output is cut", () => {
    const { burst, collections } = collector();
    burst.note(999);
    expect(collections()).toBe(0);
    burst.note(1);
    expect(collections()).toBe(1);
    for (let i = 0; i < 30; i++) burst.note(100);
    expect(collections()).toBe(4);
    expect(burst.requested).toBe(4);
  });

  it("never collects on a server whose CLIs write little", () => {
    const { burst, collections } = collector();
    for (let i = 0; i < 9; i++) burst.note(100);
    expect(collections()).toBe(0);
  });

  it("takes longer steps when the live heap is large, so the cost per byte stays the same", () => {
    const { burst, collections, setLive } = collector();
    setLive(320_000); // a step of 10,000 bytes after the next collection
    burst.note(1000);
    expect(collections()).toBe(1);
    burst.note(9_999);
    expect(collections()).toBe(1);
    burst.note(1);
    expect(collections()).toBe(2);
  });
});

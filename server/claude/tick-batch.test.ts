import { describe, expect, it } from "vitest";
import { TickBatch } from "./sdk-url-transport.ts";

describe("TickBatch (sdk-url: one batch per turn of the event loop)", () => {
  it("ends once for every frame delivered in the same turn, and again for a later turn", async () => {
    let ends = 0;
    const batch = new TickBatch(() => ends++);
    batch.add();
    batch.add();
    batch.add();
    expect(ends).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toBe(1);
    batch.add();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toBe(2);
  });

  it("ends a pending batch at once when asked (before an exit), and not a second time", async () => {
    const seen: string[] = [];
    const batch = new TickBatch(() => seen.push("batch end"));
    batch.add();
    batch.endNow();
    seen.push("exit");
    batch.endNow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(["batch end", "exit"]);
  });
});

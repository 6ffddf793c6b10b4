import { describe, expect, it } from "vitest";
import { inOrderOnceLoaded } from "./in-order-once-loaded.ts";

/** A load the test finishes when it wants, counting how often it was asked for. */
function deferredLoad<T>() {
  const calls: Array<{ resolve: (value: T) => void; reject: (error: unknown) => void }> = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe("inOrderOnceLoaded", () => {
  it("holds what comes before the load, hands it over in arrival order, then hands each at once", async () => {
    const { load, calls } = deferredLoad<string>();
    const handled: string[] = [];
    const receive = inOrderOnceLoaded(load, (value: string, loaded) => handled.push(`${loaded}:${value}`), () => {});
    receive("a");
    receive("b");
    receive("c");
    expect(handled).toEqual([]);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve("L");
    await Promise.resolve();
    await Promise.resolve();
    expect(handled).toEqual(["L:a", "L:b", "L:c"]);
    receive("d");
    expect(handled).toEqual(["L:a", "L:b", "L:c", "L:d"]);
    expect(calls).toHaveLength(1);
  });

  it("drops what waited when the load fails, says how much, and loads again for the next value", async () => {
    const { load, calls } = deferredLoad<string>();
    const handled: string[] = [];
    const failures: Array<{ dropped: number; error: unknown }> = [];
    const receive = inOrderOnceLoaded(load, (value: string) => handled.push(value), (error, dropped) => failures.push({ dropped, error }));
    receive("a");
    receive("b");
    calls[0]?.reject(new Error("chunk gone"));
    await Promise.resolve();
    await Promise.resolve();
    expect(failures).toEqual([{ dropped: 2, error: new Error("chunk gone") }]);
    receive("c");
    expect(calls).toHaveLength(2);
    calls[1]?.resolve("L");
    await Promise.resolve();
    await Promise.resolve();
    expect(handled).toEqual(["c"]);
  });
});

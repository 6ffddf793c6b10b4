import { describe, expect, it } from "vitest";
import { composedAfterListen } from "./compose-after-listen.ts";

/** A composition that ends when the test says (as the conversations' does when its modules have loaded). */
function heldComposition() {
  let finish: (value: { name: string }) => void = () => undefined;
  let runs = 0;
  const compose = () => ((runs += 1), new Promise<{ name: string }>((resolve) => (finish = resolve)));
  return { compose, finish: (value: { name: string }) => finish(value), runs: () => runs };
}

describe("composedAfterListen (ADR 0210)", () => {
  it("composes once, on the first need: every caller waiting meanwhile gets the same composition, in the order they asked", async () => {
    const held = heldComposition();
    const rooms = composedAfterListen(held.compose);
    expect(held.runs()).toBe(0);
    const answered: number[] = [];
    const callers = [1, 2, 3].map((n) => rooms.ready().then((composed) => (answered.push(n), composed)));
    expect(rooms.composed()).toBeNull();
    held.finish({ name: "rooms" });
    const composed = await Promise.all(callers);
    expect(new Set(composed).size).toBe(1);
    expect(answered).toEqual([1, 2, 3]);
    expect(held.runs()).toBe(1);
    expect(rooms.composed()).toBe(composed[0]);
  });

  it("a stop during the composition waits for it and gives it back to be stopped; a stop before any refuses later callers", async () => {
    const held = heldComposition();
    const rooms = composedAfterListen(held.compose);
    const asked = rooms.ready();
    let isStopped = false;
    const stopped = rooms.stop().then((composed) => ((isStopped = true), composed));
    await Promise.resolve();
    expect(isStopped).toBe(false);
    held.finish({ name: "rooms" });
    expect(await stopped).toEqual({ name: "rooms" });
    expect(await asked).toEqual({ name: "rooms" });

    const never = heldComposition();
    const unused = composedAfterListen(never.compose);
    expect(await unused.stop()).toBeNull();
    await expect(unused.ready()).rejects.toMatchObject({ code: "server_stopping" });
    expect(never.runs()).toBe(0);
  });

  it("a failed composition is every caller's answer and is not tried again; a stop after it has nothing to stop", async () => {
    let runs = 0;
    const rooms = composedAfterListen(() => ((runs += 1), Promise.reject(new Error("no such table: pending_permissions"))));
    await expect(rooms.ready()).rejects.toThrow(/pending_permissions/);
    await expect(rooms.ready()).rejects.toThrow(/pending_permissions/);
    expect(runs).toBe(1);
    expect(await rooms.stop()).toBeNull();
  });
});

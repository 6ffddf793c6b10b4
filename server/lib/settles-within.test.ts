import { describe, expect, it } from "vitest";
import { settlesWithin } from "./settles-within.ts";

describe("settlesWithin", () => {
  it("is true for work that resolves or rejects in time, false for work that does not", async () => {
    expect(await settlesWithin(Promise.resolve(1), 1_000)).toBe(true);
    expect(await settlesWithin(Promise.reject(new Error("gone")), 1_000)).toBe(true);
    expect(await settlesWithin(new Promise(() => {}), 5)).toBe(false);
  });

  it("leaves no timer behind once the work settled: a process need not wait out the rest", async () => {
    const child = Bun.spawn([process.execPath, "-e", `import("${import.meta.dirname}/settles-within.ts").then(({ settlesWithin }) => settlesWithin(Promise.resolve(), 60_000))`]);
    expect(await settlesWithin(child.exited, 30_000)).toBe(true);
    expect(child.exitCode).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { occurrencesInMemory } from "./process-memory.ts";

describe("occurrencesInMemory", () => {
  it("finds a marker a process holds, across a page boundary and past gigabytes of untouched reservations", async () => {
    // The marker is joined at run time, so the child's script text does not hold it.
    const child = Bun.spawn(
      [process.execPath, "-e", `const marker = Buffer.from(["MEM", "SCAN", "MARK"].join("-")); const held = Buffer.alloc(3 << 20);
for (const at of [10, 4096 - 5, (2 << 20) + 123]) marker.copy(held, at);
globalThis.held = held; console.log("ready"); setInterval(() => {}, 1000);`],
      { stdout: "pipe" },
    );
    try {
      await child.stdout.getReader().read();
      expect(occurrencesInMemory(child.pid, "MEM-SCAN-MARK")).toBeGreaterThanOrEqual(3);
      expect(occurrencesInMemory(child.pid, "NEVER-IN-THIS-PROCESS")).toBe(0);
    } finally {
      child.kill();
    }
  });
});

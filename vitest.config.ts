import { defineConfig } from "vitest/config";

/** Unit and integration tests. Runs under Bun (`bun --bun vitest run --pool=threads`) so bun:sqlite works. */
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "shared/**/*.test.ts", "bin/**/*.test.ts", "web/src/**/*.test.{ts,tsx}"],
    pool: "threads",
    // One temp folder per run, removed at the end: tests leave nothing in the system temp dir.
    globalSetup: ["scripts/test-temp-dir.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Polls wait for things that happen "soon"; on a loaded 2-core CI machine soon can be seconds (never a time bound).
    expect: { poll: { timeout: 15_000 } },
  },
});

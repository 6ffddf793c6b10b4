import { defineConfig } from "vitest/config";

/** Runs the files here with the e2e suite's failure-artifacts setup file, for failure-artifacts.e2e.test.ts. */
export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["*.fixture.ts"],
    pool: "threads",
    // One worker that keeps its modules from file to file, as the e2e suite's two do (ADR 0214).
    isolate: false,
    maxWorkers: 1,
    setupFiles: ["../failure-artifacts.ts"],
    // As the e2e suite's: a failed test's pages are captured in its aroundEach's teardown, under the hook timeout.
    hookTimeout: 60_000,
  },
});

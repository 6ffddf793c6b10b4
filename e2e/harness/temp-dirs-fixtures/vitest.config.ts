import { defineConfig } from "vitest/config";

/** Runs the files here with the e2e suite's temp-dirs setup file, for temp-dirs.e2e.test.ts. */
export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["*.fixture.ts"],
    pool: "threads",
    // One worker that keeps its modules from file to file, as the e2e suite's two do (ADR 0214).
    isolate: false,
    maxWorkers: 1,
    fileParallelism: false,
    setupFiles: ["../temp-dirs.ts"],
  },
});

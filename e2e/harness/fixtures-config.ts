import { defineConfig } from "vitest/config";

/**
 * The vitest config of a folder of harness fixtures (`*.fixture.ts`), run with one of the e2e suite's setup files by
 * the harness test that reads what they left.
 * @example export default fixturesConfig(new URL(".", import.meta.url).pathname, "../temp-dirs.ts");
 */
export function fixturesConfig(root: string, setupFile: string, extra: { hookTimeout?: number } = {}) {
  return defineConfig({
    test: {
      root,
      include: ["*.fixture.ts"],
      pool: "threads",
      // One worker that keeps its modules from file to file, as the e2e suite's two do (ADR 0214).
      isolate: false,
      maxWorkers: 1,
      setupFiles: [setupFile],
      ...extra,
    },
  });
}

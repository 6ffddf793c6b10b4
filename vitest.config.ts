import { defineConfig } from "vitest/config";

/** Unit and integration tests. Runs under Bun (`bun --bun vitest run --pool=threads`) so bun:sqlite works. */
export default defineConfig({
  test: {
    pool: "threads",
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Half the time of a test here is
    // spent waiting on git, child processes and sockets, so a worker per core takes the run from ~200 s to ~150 s.
    maxWorkers: "100%",
    // One temp folder per run, removed at the end: tests leave nothing in the system temp dir.
    globalSetup: ["scripts/test-temp-dir.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Polls wait for things that happen "soon"; on a loaded 2-core CI machine soon can be seconds (never a time bound).
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: "server",
          include: ["server/**/*.test.ts", "shared/**/*.test.ts", "bin/**/*.test.ts"],
          // Server tests share a worker's modules (ADR 0053): none mocks a module, stubs a global or changes
          // process.env, and each makes its own database, folders and processes. Importing the server's modules
          // once per worker instead of once per file takes their run from ~132 s to ~104 s here.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "web",
          include: ["web/src/**/*.test.{ts,tsx}"],
          // Page tests mock modules and share stores, storage and the DOM: each file gets fresh ones. A vm context per
          // file gives that in a worker thread kept for many files, instead of a thread and a jsdom import per file
          // (ADR 0090). A `--pool` on the command line overrides this for every project.
          pool: "vmThreads",
          setupFiles: ["scripts/drain-react-before-teardown.ts", "scripts/dom-test-waits.ts", "scripts/dom-match-media.ts"],
        },
      },
    ],
  },
});

import { defineConfig } from "vitest/config";

/**
 * End-to-end tests against the real Claude Code CLIs (scripts/install-cli.sh) and Chromium.
 * Run: `bun --bun vitest run --pool=threads --config e2e/vitest.e2e.config.ts`.
 */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["e2e/**/*.e2e.test.ts"],
    pool: "threads",
    // One temp folder per run, removed at the end: tests leave nothing in the system temp dir.
    globalSetup: ["scripts/test-temp-dir.ts"],
    // A failed test's messages and its servers' output are kept in .artifacts/e2e-failures/; the temp folders a file
    // made go once it is done (kept when it failed).
    setupFiles: ["e2e/harness/failure-artifacts.ts", "e2e/harness/temp-dirs.ts"],
    // Two files at a time on two cores (ADR 0050): a file waits on CLIs, browsers and polls, and the other uses the
    // core meanwhile (the e2e files took 1,111 s one at a time, 920 s two at a time). Each file starts its own
    // server, fake API, CLIs and browser on free ports in its own temp folders, so files share nothing.
    fileParallelism: true,
    maxWorkers: 2,
    // A worker runs file after file and keeps the modules it imported (vitest's runtime, playwright-core, the harness)
    // instead of a new worker per file: CI spent ~2.1 s between files, ~200 s of its 83 files' worker time (ADR 0214).
    // Each test file and the setup file still run afresh; the setup file forgets the previous file's servers and
    // failure contexts, the only state the harness keeps between files.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Polls wait for things that happen "soon"; on a loaded 2-core CI machine soon can be seconds (never a time bound).
    expect: { poll: { timeout: 15_000 } },
  },
});

import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INITIAL_JS_BUDGET_BYTES, initialAssets, measureBundle } from "../scripts/web-bundle-size.ts";
import { REPO_ROOT, tempDir } from "./harness/index.ts";

/**
 * Code that must load on demand: markdown and highlighting, the editor, diffs, the terminal, QR codes, the workbench,
 * and zod with the shared schemas (ADR 0250: ~31 KiB gzip the first screen never runs; the socket loads them).
 */
const ON_DEMAND = /node_modules\/(zod|react-markdown|remark-[\w-]+|rehype-[\w-]+|micromark[\w-]*|highlight\.js|lowlight|@codemirror\/[\w-]+|@uiw\/[\w-]+|@xterm\/[\w-]+|uqr|diff)\/|web\/src\/features\/(editor|diff|terminals|workbench)\/(?!index\.ts|lazy-)|shared\/(protocol\/(?!version\.ts|entity-revision-header\.ts)|api\/|ids\.ts|lazy-schema\.ts)/;

/**
 * Builds the app as shipped (`vite build` with the repo's config, in production mode: inside the test runner
 * NODE_ENV is "test", which would bundle React's development build) into a temp folder, with source maps to see what
 * is inside each chunk.
 */
function buildApp(): string {
  const outDir = tempDir("chatml-web-build");
  const result = Bun.spawnSync(["bunx", "vite", "build", "--outDir", outDir, "--emptyOutDir", "--sourcemap", "--logLevel", "warn"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "production" },
  });
  expect(result.exitCode, result.stderr.toString()).toBe(0);
  return outDir;
}

describe("the web app's first load", () => {
  it("stays under the JS budget, with heavy code in lazy chunks and compressed copies beside every file", () => {
    const outDir = buildApp();
    const size = measureBundle(outDir);
    const initial = size.files.filter((f) => f.load === "initial");
    expect(initial.some((f) => f.file.endsWith(".js")), "index.html loads no script").toBe(true);
    expect(size.initialJsGzipBytes, `initial JS is ${(size.initialJsGzipBytes / 1024).toFixed(1)} KiB gzip`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);

    // Vite's helper for lazy imports is a chunk of its own once modules of several chunks import lazily; it has no
    // source, so no map: every other initial file has one.
    const initialJs = initial.filter((f) => f.file.endsWith(".js") && !(/^assets\/preload-helper-[\w-]+\.js$/.test(f.file) && !existsSync(join(outDir, `${f.file}.map`))));
    const initialSources = initialJs.flatMap((f) => (JSON.parse(readFileSync(join(outDir, `${f.file}.map`), "utf8")) as { sources: string[] }).sources);
    expect(initialSources.length).toBeGreaterThan(0);
    expect(initialSources.filter((source) => ON_DEMAND.test(source))).toEqual([]);

    // The first screen's lazy chunks, which the service worker caches with the shell (ADR 0263): the build names them,
    // the socket's frame schemas among them, and wrote each.
    const shellChunks = /<meta name="chatml-shell-chunks" content="([^"]*)"/.exec(readFileSync(join(outDir, "index.html"), "utf8"))?.[1]?.split(" ") ?? [];
    expect(shellChunks.filter((file) => /^\/assets\/wire-schemas-[\w-]+\.js$/.test(file))).toHaveLength(1);
    for (const file of shellChunks) expect(existsSync(join(outDir, file)), file).toBe(true);

    // Files under 1 KiB stay as they are (scripts/precompress.ts): compression would save less than its headers.
    for (const file of [...initialAssets(outDir), "index.html"].filter((f) => statSync(join(outDir, f)).size >= 1024)) {
      expect(existsSync(join(outDir, `${file}.br`)), `${file}.br`).toBe(true);
      expect(existsSync(join(outDir, `${file}.gz`)), `${file}.gz`).toBe(true);
    }
  });
});

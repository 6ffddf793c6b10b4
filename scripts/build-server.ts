/**
 * Builds the server into one prebuilt bundle, `dist/server/` (ADR 0042): what `bin/chatml.ts` (`bunx chatml`) runs
 * when it exists and is newer than its sources. Bun then parses a few already-linked files instead of transpiling and
 * linking ~420 TypeScript modules at every start. `--splitting` keeps the lazy `import()`s (the REST API, simple-git,
 * the Linear SDK, web-push, uqr) in chunks of their own that load on first use, as they do from the sources.
 * `bun scripts/build-server.ts` (part of `bun run build`).
 */
import { rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BunPlugin } from "bun";
import { BUNDLE_ENTRY, BUNDLE_INPUTS } from "../bin/bundle.ts";
import { ZOD_BUNDLE_FILE } from "../server/lib/zod-on-first-use.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "dist", "server");

/**
 * In the bundle, `import.meta.url` means the source file's URL, not the bundle's: the server finds files beside its
 * sources through it (the MCP server's entry, the built-in skills, the built app, and the folder `lazyModule`
 * resolves packages from), and the package ships those sources.
 */
const sourceRelativeImportMeta = (outDir: string): BunPlugin => ({
  name: "source-relative-import-meta",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await Bun.file(path).text();
      if (path.includes("/node_modules/") || !text.includes("import.meta")) return { contents: text, loader: "ts" };
      if (/import\.meta\.(dir|dirname|filename|path|main)\b/.test(text)) {
        throw new Error(`${relative(ROOT, path)}: use new URL(…, import.meta.url) — only import.meta.url is rewritten for the bundle`);
      }
      const fromBundle = JSON.stringify(relative(outDir, path));
      return { contents: text.replaceAll("import.meta.url", `new URL(${fromBundle}, import.meta.url).href`), loader: "ts" };
    });
  },
});

/**
 * Zod loads when the first schema is built, not at start (ADR 0183): the project's `import { z } from "zod"` become
 * `server/lib/zod-on-first-use.ts`, which reads zod from `dist/server/zod.js` (built below) on first use. A start builds
 * no schema, so its ~140 KB are no longer read before the first answer.
 */
const zodOnFirstUse: BunPlugin = {
  name: "zod-on-first-use",
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, ({ importer }) => (importer.includes("/node_modules/") ? undefined : { path: join(ROOT, "server", "lib", "zod-on-first-use.ts") }));
  },
};

/** Zod's translations of its messages into other languages: ChatML uses its default English ones (~450 KB of the ~590). */
const withoutZodLocales: BunPlugin = {
  name: "without-zod-locales",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) => (importer.includes("/node_modules/zod/") ? { path: "zod-locales", namespace: "empty" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

/** Builds the bundle into `outDir` (the tests build one in a temp folder); what it wrote, for the build's one line. */
export async function buildServer(outDir: string = OUT_DIR): Promise<{ files: number; bytes: number; modules: number }> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await Bun.build({
    entrypoints: [join(ROOT, "bin", "run.ts")],
    outdir: outDir,
    target: "bun",
    format: "esm",
    splitting: true,
    // Identifiers keep their names, so a stack trace still says which function failed.
    minify: { syntax: true, whitespace: true },
    naming: { entry: BUNDLE_ENTRY, chunk: "[name]-[hash].js" },
    metafile: true,
    plugins: [sourceRelativeImportMeta(outDir), zodOnFirstUse],
  });
  const zodBuild = await Bun.build({
    entrypoints: [join(ROOT, "scripts", "zod-bundle-entry.ts")],
    outdir: outDir,
    target: "bun",
    format: "esm",
    minify: { syntax: true, whitespace: true },
    naming: { entry: ZOD_BUNDLE_FILE },
    plugins: [withoutZodLocales],
  });
  for (const build of [result, zodBuild]) if (!build.success) throw new AggregateError(build.logs, "the server bundle did not build");
  // The files the bundle was built from, for bin/bundle.ts to tell a stale bundle in a checkout.
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((path) => relative(ROOT, resolve(path)));
  writeFileSync(join(outDir, BUNDLE_INPUTS), `${JSON.stringify(inputs, null, 0)}\n`);
  const outputs = [...result.outputs, ...zodBuild.outputs];
  return { files: outputs.length, bytes: outputs.reduce((sum, output) => sum + output.size, 0), modules: inputs.length };
}

if (import.meta.main) {
  try {
    const { files, bytes, modules } = await buildServer();
    console.log(`dist/server: ${files} files, ${(bytes / 1024).toFixed(0)} KiB, from ${modules} modules`);
  } catch (error) {
    console.error(error instanceof AggregateError ? error.errors : error);
    process.exit(1);
  }
}

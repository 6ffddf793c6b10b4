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

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "dist", "server");

/**
 * In the bundle, `import.meta.url` means the source file's URL, not the bundle's: the server finds files beside its
 * sources through it (the MCP server's entry, the built-in skills, the built app, and the folder `lazyModule`
 * resolves packages from), and the package ships those sources.
 */
const sourceRelativeImportMeta: BunPlugin = {
  name: "source-relative-import-meta",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await Bun.file(path).text();
      if (path.includes("/node_modules/") || !text.includes("import.meta")) return { contents: text, loader: "ts" };
      if (/import\.meta\.(dir|dirname|filename|path|main)\b/.test(text)) {
        throw new Error(`${relative(ROOT, path)}: use new URL(…, import.meta.url) — only import.meta.url is rewritten for the bundle`);
      }
      const fromBundle = JSON.stringify(relative(OUT_DIR, path));
      return { contents: text.replaceAll("import.meta.url", `new URL(${fromBundle}, import.meta.url).href`), loader: "ts" };
    });
  },
};

rmSync(OUT_DIR, { recursive: true, force: true });
const result = await Bun.build({
  entrypoints: [join(ROOT, "bin", "run.ts")],
  outdir: OUT_DIR,
  target: "bun",
  format: "esm",
  splitting: true,
  // Identifiers keep their names, so a stack trace still says which function failed.
  minify: { syntax: true, whitespace: true },
  naming: { entry: BUNDLE_ENTRY, chunk: "[name]-[hash].js" },
  metafile: true,
  plugins: [sourceRelativeImportMeta],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
// The files the bundle was built from, for bin/bundle.ts to tell a stale bundle in a checkout.
const inputs = Object.keys(result.metafile?.inputs ?? {}).map((path) => relative(ROOT, resolve(path)));
writeFileSync(join(OUT_DIR, BUNDLE_INPUTS), `${JSON.stringify(inputs, null, 0)}\n`);
const size = result.outputs.reduce((sum, output) => sum + output.size, 0);
console.log(`dist/server: ${result.outputs.length} files, ${(size / 1024).toFixed(0)} KiB, from ${inputs.length} modules`);

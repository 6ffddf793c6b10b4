/**
 * Builds the server into one prebuilt bundle, `dist/server/` (ADR 0042): what `bin/chatml.ts` (`bunx chatml`) runs
 * when it exists and is newer than its sources. Bun then parses a few already-linked files instead of transpiling and
 * linking ~420 TypeScript modules at every start. `--splitting` keeps the lazy `import()`s (the REST API, simple-git,
 * the Linear SDK, web-push, uqr) in chunks of their own that load on first use, as they do from the sources.
 * `bun scripts/build-server.ts` (part of `bun run build`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BunPlugin } from "bun";
import { z } from "zod";
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
 * `server/lib/zod-on-first-use.ts`, which reads zod from `dist/server/zod.js` (built below, with the members the code
 * reads) on first use. A start builds no schema, so its ~140 KB are no longer read before the first answer.
 */
const zodOnFirstUse: BunPlugin = {
  name: "zod-on-first-use",
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, ({ importer }) => (importer.includes("/node_modules/") ? undefined : { path: join(ROOT, "server", "lib", "zod-on-first-use.ts") }));
  },
};

/**
 * The members of zod the bundle's code reads at run time (`z.object`, `z.ZodError`, …): read from each of its sources
 * with the types stripped, so `dist/server/zod.js` holds only what they need (zod's whole `z` is twice the size).
 */
function zodMembersUsed(inputs: string[]): string[] {
  const transpiler = new Bun.Transpiler({ loader: "ts" });
  const used = new Set<string>();
  for (const input of inputs.filter((path) => path.endsWith(".ts") && !path.includes("node_modules"))) {
    const code = transpiler.transformSync(readFileSync(join(ROOT, input), "utf8"));
    for (const [, name] of code.matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) used.add(name!);
  }
  return [...used].filter((name) => name in z).sort();
}

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
  if (!result.success) throw new AggregateError(result.logs, "the server bundle did not build");
  // The files the bundle was built from, for bin/bundle.ts to tell a stale bundle in a checkout.
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((path) => relative(ROOT, resolve(path)));
  const zodEntry = join(mkdtempSync(join(tmpdir(), "chatml-zod-entry-")), "zod.ts");
  writeFileSync(zodEntry, `export { ${zodMembersUsed(inputs).join(", ")} } from ${JSON.stringify(Bun.resolveSync("zod", ROOT))};\n`);
  const zodBuild = await Bun.build({ entrypoints: [zodEntry], outdir: outDir, target: "bun", format: "esm", minify: { syntax: true, whitespace: true }, naming: { entry: ZOD_BUNDLE_FILE } });
  rmSync(dirname(zodEntry), { recursive: true, force: true });
  if (!zodBuild.success) throw new AggregateError(zodBuild.logs, "zod's file of the bundle did not build");
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

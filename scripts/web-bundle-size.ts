/**
 * Measures the built web app (dist/web or any build output): which JS and CSS files index.html loads up front
 * (scripts, stylesheets and modulepreloads) and which load lazily, each gzip-compressed at level 9. Used by the
 * bundle benchmark (bench/web-bundle.ts) and by the test that holds the first load under its budget.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The first load's JS budget (issue 16): what a phone downloads before anything shows. */
export const INITIAL_JS_BUDGET_BYTES = 150 * 1024;

export interface BundleFile {
  file: string;
  load: "initial" | "lazy";
  rawBytes: number;
  gzipBytes: number;
}

export interface BundleSize {
  files: BundleFile[];
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  lazyJsGzipBytes: number;
}

/** The asset paths (`assets/…`) index.html loads before the app runs. */
export function initialAssets(webRoot: string): string[] {
  const html = readFileSync(join(webRoot, "index.html"), "utf8");
  return [...new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] as string))];
}

export function measureBundle(webRoot: string): BundleSize {
  const initial = new Set(initialAssets(webRoot));
  for (const file of initial) if (!existsSync(join(webRoot, file))) throw new Error(`index.html loads ${file}, which the build did not write`);
  const files = readdirSync(join(webRoot, "assets"))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name): BundleFile => {
      const file = `assets/${name}`;
      const bytes = readFileSync(join(webRoot, file));
      return { file, load: initial.has(file) ? "initial" : "lazy", rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
  const total = (load: BundleFile["load"], ext: string) => files.filter((f) => f.load === load && f.file.endsWith(ext)).reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, initialJsGzipBytes: total("initial", ".js"), initialCssGzipBytes: total("initial", ".css"), lazyJsGzipBytes: total("lazy", ".js") };
}

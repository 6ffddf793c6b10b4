/**
 * Web bundle: the SPA's initial JS and CSS (what index.html loads), gzip-compressed, and the chunks that load
 * lazily. Reads dist/web (run `bunx vite build` first). `bun bench/web-bundle.ts`
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { report, round } from "./support/bench-server.ts";

const WEB = join(import.meta.dirname, "..", "dist", "web");
const html = readFileSync(join(WEB, "index.html"), "utf8");
const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] as string));
const assets = readdirSync(join(WEB, "assets")).filter((file) => /\.(js|css)$/.test(file)).map((file) => `assets/${file}`);
const kib = (bytes: number) => round(bytes / 1024);

const rows = assets.map((file) => {
  const bytes = readFileSync(join(WEB, file));
  return { file, load: initial.has(file) ? "initial" : "lazy", "raw KiB": kib(statSync(join(WEB, file)).size), "gzip KiB": kib(gzipSync(bytes, { level: 9 }).length) };
});
rows.sort((a, b) => (a.load === b.load ? b["gzip KiB"] - a["gzip KiB"] : a.load === "initial" ? -1 : 1));
const total = (load: string, ext: string) => round(rows.filter((row) => row.load === load && row.file.endsWith(ext)).reduce((sum, row) => sum + row["gzip KiB"], 0));
const summary = { initialJsGzipKiB: total("initial", ".js"), initialCssGzipKiB: total("initial", ".css"), lazyJsGzipKiB: total("lazy", ".js"), lazyChunks: rows.filter((row) => row.load === "lazy").map((row) => row.file) };
report("web bundle (dist/web)", rows, summary);
console.log(`initial: JS ${summary.initialJsGzipKiB} KiB + CSS ${summary.initialCssGzipKiB} KiB gzip; lazy JS ${summary.lazyJsGzipKiB} KiB in ${summary.lazyChunks.length} chunk(s)`);

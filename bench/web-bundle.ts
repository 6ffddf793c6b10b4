/**
 * Web bundle: the SPA's initial JS and CSS (what index.html loads, modulepreloads included), gzip-compressed, and the
 * chunks that load lazily. Reads dist/web (run `bunx vite build` first). `bun bench/web-bundle.ts`
 */
import { join } from "node:path";
import { INITIAL_JS_BUDGET_BYTES, measureBundle } from "../scripts/web-bundle-size.ts";
import { report, round } from "./support/bench-server.ts";

const size = measureBundle(join(import.meta.dirname, "..", "dist", "web"));
const kib = (bytes: number) => round(bytes / 1024);
const rows = size.files
  .map((f) => ({ file: f.file, load: f.load, "raw KiB": kib(f.rawBytes), "gzip KiB": kib(f.gzipBytes) }))
  .sort((a, b) => (a.load === b.load ? b["gzip KiB"] - a["gzip KiB"] : a.load === "initial" ? -1 : 1));
const lazyChunks = size.files.filter((f) => f.load === "lazy").map((f) => f.file);
const summary = {
  initialJsGzipKiB: kib(size.initialJsGzipBytes),
  initialJsBudgetKiB: kib(INITIAL_JS_BUDGET_BYTES),
  initialCssGzipKiB: kib(size.initialCssGzipBytes),
  lazyJsGzipKiB: kib(size.lazyJsGzipBytes),
  lazyChunks,
};
report("web bundle (dist/web)", rows, summary);
console.log(`initial: JS ${summary.initialJsGzipKiB} KiB (budget ${summary.initialJsBudgetKiB}) + CSS ${summary.initialCssGzipKiB} KiB gzip; lazy JS ${summary.lazyJsGzipKiB} KiB in ${lazyChunks.length} chunk(s)`);

/**
 * Writes `.br` and `.gz` beside every compressible file of the built web app, so the server sends compressed bytes
 * without compressing per request. Called by the Vite build (vite.config.ts) after the bundle is written.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Not source maps: only a `--sourcemap` build (to see what is in each chunk) has them, and brotli at quality 11 on
 * them took that build from 8 s to 23 s of CPU. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this, compression saves less than the headers cost. */
const MIN_BYTES = 1024;

export function precompress(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += precompress(path);
    else if (COMPRESSIBLE.test(entry.name) && statSync(path).size >= MIN_BYTES) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      count += 1;
    }
  }
  return count;
}

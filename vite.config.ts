import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import packageJson from "./package.json" with { type: "json" };
import { precompress } from "./scripts/precompress.ts";
import { shellChunksPlugin } from "./scripts/shell-chunks.ts";

/** Builds the SPA from web/ into dist/web, which the server serves. */
export default defineConfig({
  root: "web",
  plugins: [
    react(),
    tailwindcss(),
    // Brotli and gzip copies beside each asset: the server picks one by Accept-Encoding and never compresses per request.
    precompressPlugin(),
    // The first screen's lazy chunks, named in index.html for the service worker to cache with the shell (ADR 0263).
    shellChunksPlugin(),
  ],
  // The build's version: sent on the socket's hello so the server can offer a reload when it runs a newer one.
  define: { "import.meta.env.VITE_APP_VERSION": JSON.stringify(packageJson.version) },
  // The diff worker loads a language's highlighting on demand (its own chunk): that needs module workers.
  worker: { format: "es" },
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3456",
      "/ws": { target: "ws://127.0.0.1:3456", ws: true },
    },
  },
});

function precompressPlugin(): Plugin {
  let outDir = "";
  return {
    name: "chatml-precompress",
    apply: "build",
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    closeBundle: () => void precompress(outDir),
  };
}

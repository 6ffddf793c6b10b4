/**
 * Names, in the built index.html, the chunks the first screen loads lazily, so the service worker caches them with
 * the shell (web/public/sw.js reads them with the page's own assets). Without them an installed app's cached page
 * asked the server for chunks of its own build, which an updated server no longer has (ADR 0263).
 */
import type { Plugin, Rollup } from "vite";
import { SHELL_CHUNKS_META } from "../shared/build-id.ts";

/**
 * The lazy imports of the entry and of the chunks it loads (the wire schemas, every screen behind a route), with what
 * each imports statically and its CSS: what the app can ask for before a screen of its own imports lazily in turn. Not
 * what index.html already names.
 */
export function firstLoadChunks(entry: Rollup.OutputChunk, bundle: Rollup.OutputBundle): string[] {
  const named = new Set<string>();
  const collect = (file: string, into: Set<string>) => {
    if (into.has(file)) return;
    into.add(file);
    const chunk = bundle[file];
    if (chunk?.type !== "chunk") return;
    for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
    for (const imported of chunk.imports) collect(imported, into);
  };
  collect(entry.fileName, named);
  const lazy = new Set<string>();
  for (const file of named) {
    const chunk = bundle[file];
    if (chunk?.type === "chunk") for (const imported of chunk.dynamicImports) collect(imported, lazy);
  }
  return [...lazy].filter((file) => !named.has(file)).sort();
}

/** Writes {@link firstLoadChunks} into index.html as `<meta name="chatml-shell-chunks" content="/assets/a.js …">`. */
export function shellChunksPlugin(): Plugin {
  return {
    name: "chatml-shell-chunks",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html, context) => {
        if (!context.chunk || !context.bundle) return html;
        const files = firstLoadChunks(context.chunk, context.bundle).map((file) => `/${file}`);
        return { html, tags: [{ tag: "meta", attrs: { name: SHELL_CHUNKS_META, content: files.join(" ") }, injectTo: "head" }] };
      },
    },
  };
}

import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { REPO_ROOT } from "../harness/index.ts";

/**
 * A copy of the built app (dist/web) as the next release would ship it: `version` where the app says its version
 * (what its socket hello reports), and every asset under a new name, the way new content hashes rename them. The
 * precompressed copies are left out (the server then serves the plain files).
 */
export function newerBuild(dir: string, version: string): { webRoot: string; entry: string } {
  const webRoot = join(dir, "web");
  cpSync(join(REPO_ROOT, "dist", "web"), webRoot, { recursive: true, filter: (path) => !/\.(br|gz)$/.test(path) });
  const assets = readdirSync(join(webRoot, "assets"));
  const renamed = new Map(assets.map((name) => [name, name.replace(/(\.[a-z]+)$/, `-next$1`)]));
  const rename = (text: string) => text.replace(new RegExp([...renamed.keys()].map(escape).join("|"), "g"), (name) => renamed.get(name) ?? name);
  let versions = 0;
  for (const name of assets) {
    const from = join(webRoot, "assets", name);
    if (/\.(js|css)$/.test(name)) {
      const text = rename(readFileSync(from, "utf8")).replace(new RegExp(`([\`"'])${escape(packageJson.version)}\\1`, "g"), (_, quote: string) => {
        versions++;
        return `${quote}${version}${quote}`;
      });
      writeFileSync(join(webRoot, "assets", renamed.get(name) ?? name), text);
      rmSync(from);
    } else {
      renameSync(from, join(webRoot, "assets", renamed.get(name) ?? name));
    }
  }
  if (versions === 0) throw new Error(`the built app does not say its version ${packageJson.version} anywhere: cannot make a newer build of it`);
  const index = join(webRoot, "index.html");
  writeFileSync(index, rename(readFileSync(index, "utf8")));
  const entry = readFileSync(index, "utf8").match(/<script type="module"[^>]*src="(\/assets\/[^"]+)"/)?.[1];
  if (!entry) throw new Error("the newer build's index.html names no entry script");
  return { webRoot, entry };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

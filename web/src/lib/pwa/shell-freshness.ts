import { entryOf, shellAssetsOf } from "../../../../shared/build-id.ts";
import { pageBuild } from "../page-build.ts";

/** The service worker's caches of the app shell (`web/public/sw.js` names them so). */
const SHELL_CACHE_PREFIX = "chatml-shell-";

/**
 * Brings the service worker's cached shell up to the build this page runs, when it holds an older one. The server
 * tells a page that runs another build than it serves (`update_available` at every hello), so the page no longer asks
 * the server itself: it announced the same offer a second time, and could word a newer version as "a new build" first.
 * What the server cannot see is the worker's cache: a page loaded past the worker (a hard reload) left the older shell
 * there, and the next open ran the older build and was offered the update again. Answers whether it refreshed one.
 */
export async function refreshOlderCachedShell(): Promise<boolean> {
  const mine = pageBuild();
  if (!mine || typeof caches === "undefined") return false;
  let isRefreshed = false;
  for (const name of await caches.keys()) {
    if (!name.startsWith(SHELL_CACHE_PREFIX)) continue;
    const cache = await caches.open(name);
    const cached = await cache.match("/");
    if (!cached || entryOf(await cached.text()) === mine) continue;
    // Another build is cached: the page's own is the newer one only if the server still serves it.
    const served = await fetch("/", { cache: "no-store", credentials: "same-origin" });
    if (!served.ok) return isRefreshed;
    const html = await served.clone().text();
    if (entryOf(html) !== mine) return isRefreshed;
    await cache.addAll(shellAssetsOf(html));
    await cache.put("/", served);
    isRefreshed = true;
  }
  return isRefreshed;
}

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { entryOf } from "../../../../shared/build-id.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { indexPage, runBuild } from "../../test-support/page-builds.ts";
import { refreshOlderCachedShell } from "./shell-freshness.ts";

isolateDomTests();
afterEach(() => document.head.querySelectorAll("script").forEach((s) => s.remove()));

/** The service worker's shell caches, each holding an index page naming `entry` (CacheStorage is not in jsdom). */
function shellCaches(entries: Record<string, string>) {
  const stores = new Map(Object.entries(entries).map(([name, entry]) => [name, new Map([["/", new Response(indexPage(entry))]])]));
  const added: string[] = [];
  const open = async (name: string) => ({
    match: async (key: string) => stores.get(name)?.get(key)?.clone(),
    put: async (key: string, response: Response) => void stores.get(name)?.set(key, response),
    addAll: async (keys: string[]) => void added.push(...keys),
  });
  vi.stubGlobal("caches", { keys: async () => [...stores.keys()], open });
  return { added, cachedEntry: async (name: string) => entryOf((await stores.get(name)?.get("/")?.clone().text()) ?? "") };
}

describe("the service worker's cached shell", () => {
  it("is brought up to the page's build when it holds an older one the server no longer serves, with no offer", async () => {
    const fetch = runBuild("/assets/index-new22.js", "/assets/index-new22.js");
    const cache = shellCaches({ "chatml-shell-1.0.0": "/assets/index-old11.js", "other-cache": "/assets/index-old11.js" });
    expect(await refreshOlderCachedShell()).toBe(true);
    expect(await cache.cachedEntry("chatml-shell-1.0.0")).toBe("/assets/index-new22.js");
    expect(await cache.cachedEntry("other-cache")).toBe("/assets/index-old11.js");
    expect(cache.added).toEqual(["/assets/index-new22.js"]);
    expect(fetch).toHaveBeenCalledWith("/", expect.objectContaining({ cache: "no-store" }));
    expect(useConnectionStore.getState().updateAvailable).toBeNull();
  });

  it("is left alone when the page is the older build (the server offers the update), holds the page's, or in development", async () => {
    runBuild("/assets/index-old11.js", "/assets/index-new22.js");
    const cache = shellCaches({ "chatml-shell-1.0.0": "/assets/index-new22.js" });
    expect(await refreshOlderCachedShell()).toBe(false);
    expect(await cache.cachedEntry("chatml-shell-1.0.0")).toBe("/assets/index-new22.js");
    document.head.querySelectorAll("script").forEach((s) => s.remove());
    const fetch = runBuild("/assets/index-new22.js", "/assets/index-new22.js");
    expect(await refreshOlderCachedShell()).toBe(false);
    document.head.querySelectorAll("script").forEach((s) => s.remove());
    runBuild("/src/main.tsx", "/assets/index-new22.js");
    expect(await refreshOlderCachedShell()).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
    expect(useConnectionStore.getState().updateAvailable).toBeNull();
  });
});

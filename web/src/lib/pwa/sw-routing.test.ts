import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellAssetsOf } from "../../../../shared/build-id.ts";

type FetchListener = (event: { request: { method: string; url: string; mode: string }; respondWith: (r: unknown) => void; waitUntil: () => void }) => void;
type ActivateListener = (event: { waitUntil: (work: Promise<unknown>) => void }) => void;
type Cached = { added: string[]; put: string[] };
type WindowClient = { url: string; navigate: (url: string) => Promise<unknown> };

/** Runs web/public/sw.js against a stand-in worker scope, with these window clients open. */
function loadWorker(windows: WindowClient[] = [], indexPage = "") {
  const listeners: Record<string, FetchListener | ActivateListener> = {};
  const clients = { claim: async () => undefined, matchAll: async () => windows };
  const scope = { location: { href: "https://box.test/sw.js?v=1", origin: "https://box.test" }, clients, addEventListener: (type: string, listener: FetchListener) => (listeners[type] = listener) };
  const source = readFileSync(join(__dirname, "../../../public/sw.js"), "utf8");
  const cached: Cached = { added: [], put: [] };
  const cache = { put: async (key: string) => void cached.put.push(`${key} after ${cached.added.length} files`), addAll: async (keys: string[]) => void cached.added.push(...keys) };
  const caches = { keys: async () => ["chatml-shell-0", "chatml-shell-1"], delete: async () => true, match: async () => undefined, open: async () => cache };
  new Function("self", "caches", "fetch", source)({ ...scope, skipWaiting: async () => undefined }, caches, async () => new Response(indexPage));
  /** Which navigations it serves itself. */
  const servesItself = (url: string, mode = "navigate") => {
    let isAnswered = false;
    (listeners["fetch"] as FetchListener)({ request: { method: "GET", url, mode }, respondWith: () => (isAnswered = true), waitUntil: () => undefined });
    return isAnswered;
  };
  /** Activates it (as after an update) and waits for what activation does. */
  const activate = async () => {
    let work: Promise<unknown> = Promise.resolve();
    (listeners["activate"] as ActivateListener)({ waitUntil: (promise) => (work = promise) });
    await work;
  };
  /** Installs it and waits for its precaching. */
  const install = async () => {
    let work: Promise<unknown> = Promise.resolve();
    (listeners["install"] as ActivateListener)({ waitUntil: (promise) => (work = promise) });
    await work;
    return cached;
  };
  return { servesItself, activate, install };
}

describe("the service worker's answers to navigations", () => {
  it("serves the app's shell for the app, and leaves the server's own pages (sign-in and pairing links) to the server", () => {
    const { servesItself } = loadWorker();
    expect(servesItself("https://box.test/")).toBe(true);
    expect(servesItself("https://box.test/#/w/wsp_1")).toBe(true);
    // A new sign-in link in a browser signed out since (a revoked device, a rotated token) must reach the server:
    // answered with the cached shell, it signed nobody in, and every new link did the same.
    expect(servesItself("https://box.test/sign-in?code=abc")).toBe(false);
    expect(servesItself("https://box.test/sign-in")).toBe(false);
    expect(servesItself("https://box.test/pair?code=abc")).toBe(false);
    expect(servesItself("https://box.test/api/info", "cors")).toBe(false);
  });

  it("taking over from an older worker, opens again a sign-in link that worker answered with the cached shell", async () => {
    const opened: string[] = [];
    const at = (url: string): WindowClient => ({ url, navigate: async (to) => opened.push(to) });
    const { activate } = loadWorker([at("https://box.test/sign-in?code=abc"), at("https://box.test/#/c/cnv_1"), at("https://box.test/sign-in"), at("https://box.test/pair?code=def")]);
    await activate();
    // Only the link whose code never reached the server; the app and the server's own pages are left as they are.
    expect(opened).toEqual(["https://box.test/sign-in?code=abc"]);
  });
});

describe("the service worker's install", () => {
  it("caches what the index page loads and the lazy chunks it names for its first screen, as the web reads them, the page last", async () => {
    const page = [
      '<script type="module" crossorigin src="/assets/index-a1.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/api-b2.js">',
      '<link rel="stylesheet" crossorigin href="/assets/index-c3.css">',
      '<meta name="chatml-shell-chunks" content="/assets/wire-schemas-d4.js /assets/conversation-route-e5.js /assets/api-b2.js">',
    ].join("\n");
    const cached = await loadWorker([], page).install();
    expect(shellAssetsOf(page)).toEqual(["/assets/index-a1.js", "/assets/api-b2.js", "/assets/index-c3.css", "/assets/wire-schemas-d4.js", "/assets/conversation-route-e5.js"]);
    expect(cached.added).toEqual([...shellAssetsOf(page), "/manifest.webmanifest", "/icons/icon-192.png"]);
    // A shell cached before its chunks could start a page that cannot load them.
    expect(cached.put).toEqual([`/ after ${cached.added.length} files`]);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

type FetchListener = (event: { request: { method: string; url: string; mode: string }; respondWith: (r: unknown) => void; waitUntil: () => void }) => void;
type ActivateListener = (event: { waitUntil: (work: Promise<unknown>) => void }) => void;
type WindowClient = { url: string; navigate: (url: string) => Promise<unknown> };

/** Runs web/public/sw.js against a stand-in worker scope, with these window clients open. */
function loadWorker(windows: WindowClient[] = []) {
  const listeners: Record<string, FetchListener | ActivateListener> = {};
  const clients = { claim: async () => undefined, matchAll: async () => windows };
  const scope = { location: { href: "https://box.test/sw.js?v=1", origin: "https://box.test" }, clients, addEventListener: (type: string, listener: FetchListener) => (listeners[type] = listener) };
  const source = readFileSync(join(__dirname, "../../../public/sw.js"), "utf8");
  const caches = { keys: async () => ["chatml-shell-0", "chatml-shell-1"], delete: async () => true, match: async () => undefined, open: async () => ({ put: async () => undefined }) };
  new Function("self", "caches", "fetch", source)(scope, caches, async () => new Response(""));
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
  return { servesItself, activate };
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

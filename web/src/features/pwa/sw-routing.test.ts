import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

type FetchListener = (event: { request: { method: string; url: string; mode: string }; respondWith: (r: unknown) => void; waitUntil: () => void }) => void;

/** Runs web/public/sw.js against a stand-in worker scope and answers which navigations it serves itself. */
function loadWorker(): (url: string, mode?: string) => boolean {
  const listeners: Record<string, FetchListener> = {};
  const scope = { location: { href: "https://box.test/sw.js?v=1", origin: "https://box.test" }, addEventListener: (type: string, listener: FetchListener) => (listeners[type] = listener) };
  const source = readFileSync(join(__dirname, "../../../public/sw.js"), "utf8");
  new Function("self", "caches", "fetch", source)(scope, { match: async () => undefined, open: async () => ({ put: async () => undefined }) }, async () => new Response(""));
  return (url, mode = "navigate") => {
    let isAnswered = false;
    listeners["fetch"]?.({ request: { method: "GET", url, mode }, respondWith: () => (isAnswered = true), waitUntil: () => undefined });
    return isAnswered;
  };
}

describe("the service worker's answers to navigations", () => {
  it("serves the app's shell for the app, and leaves the server's own pages (sign-in and pairing links) to the server", () => {
    const servesItself = loadWorker();
    expect(servesItself("https://box.test/")).toBe(true);
    expect(servesItself("https://box.test/#/w/wsp_1")).toBe(true);
    // A new sign-in link in a browser signed out since (a revoked device, a rotated token) must reach the server:
    // answered with the cached shell, it signed nobody in, and every new link did the same.
    expect(servesItself("https://box.test/sign-in?code=abc")).toBe(false);
    expect(servesItself("https://box.test/sign-in")).toBe(false);
    expect(servesItself("https://box.test/pair?code=abc")).toBe(false);
    expect(servesItself("https://box.test/api/info", "cors")).toBe(false);
  });
});

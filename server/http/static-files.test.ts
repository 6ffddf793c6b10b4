import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompress } from "../../scripts/precompress.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";
import { accepts } from "./static-files.ts";

const script = `console.log(${JSON.stringify("x".repeat(4000))});\n`;
let server: TestServer;
let webRoot: string;
let cookie: string;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), "chatml-web-"));
  mkdirSync(join(webRoot, "assets"));
  writeFileSync(join(webRoot, "index.html"), `<!doctype html><script src="/assets/app-abc123.js"></script>${" ".repeat(2000)}`);
  writeFileSync(join(webRoot, "assets", "app-abc123.js"), script);
  writeFileSync(join(webRoot, "assets", "tiny-abc.js"), "1;");
  expect(precompress(webRoot)).toBe(2);
  server = await startTestServer({ config: { webRoot } });
  const signIn = await fetch(server.signInUrl, { redirect: "manual" });
  cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});
afterAll(async () => {
  await server.cleanup();
  rmSync(webRoot, { recursive: true, force: true });
});

const get = (path: string, encoding?: string) =>
  fetch(`${server.url}${path}`, { headers: { cookie, ...(encoding === undefined ? {} : { "accept-encoding": encoding }) }, decompress: false } as RequestInit);

describe("static files", () => {
  it("answers a build file that is not there (a page of an older build asking for its chunk) with a 404, not the app's page", async () => {
    // Served as the page with a 200, the service worker cached that HTML under the chunk's name for good.
    const response = await get("/assets/jobs-screen-OLDBUILD.js", "gzip, br");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).not.toContain("<!doctype html>");
    expect((await get("/some/screen")).status).toBe(200);
  });

  it("sends the brotli copy to a browser that takes it, with the JS type and immutable caching", async () => {
    const response = await get("/assets/app-abc123.js", "gzip, deflate, br");
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("content-type")).toContain("javascript");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("vary")).toBe("accept-encoding");
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(script);
  });

  it("sends gzip when brotli is refused, and plain bytes when nothing is accepted", async () => {
    const gzipped = await get("/assets/app-abc123.js", "gzip, br;q=0");
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(script);
    const plain = await get("/assets/app-abc123.js", "identity");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it("serves small files as they are and the index page compressed with no-cache", async () => {
    expect((await get("/assets/tiny-abc.js", "br")).headers.get("content-encoding")).toBeNull();
    const index = await get("/some/route", "br");
    expect(index.headers.get("content-encoding")).toBe("br");
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(index.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers the health probe without sign-in and says nothing else", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("accepts", () => {
  it("reads tokens, wildcards and q=0", () => {
    expect(accepts("gzip, br", "br")).toBe(true);
    expect(accepts("br;q=0, gzip", "br")).toBe(false);
    expect(accepts("*", "gzip")).toBe(true);
    expect(accepts(undefined, "gzip")).toBe(false);
    expect(accepts("deflate", "gzip")).toBe(false);
  });
});
